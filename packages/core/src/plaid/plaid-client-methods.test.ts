import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ACCESS_TOKEN,
  CLIENT_ID,
  ITEM_ID,
  okAnswers,
  SECRET,
} from '../../test/plaid-fixtures.test-helpers.js';
import {
  type CapturedRequest,
  interceptOnce,
  invokeMethod,
  methodCases,
  okAnswer,
  testClient,
} from '../../test/plaid-methods.test-helpers.js';
import { PLAID_API_VERSION } from './plaid-environments.js';

const plaidSpec = createOpenApiValidator('plaid');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('mock answers', () => {
  it.each(Object.keys(okAnswers))('%s answer matches the official response schema', (path) => {
    expect(plaidSpec.responseErrors('post', path, 200, okAnswers[path])).toBeUndefined();
  });

  it('the official schema check rejects a malformed body (the validator is not vacuous)', () => {
    expect(plaidSpec.responseErrors('post', '/item/get', 200, { item: { item_id: 1 } })).toBeDefined();
    expect(
      plaidSpec.requestErrors('post', '/item/get', { access_token: ACCESS_TOKEN, extra: 1 }),
    ).toBeDefined();
    expect(plaidSpec.requestErrors('post', '/item/get', {})).toBeDefined();
  });

  it('covers every endpoint the client calls', () => {
    for (const c of methodCases) expect(plaidSpec.paths).toContain(c.path);
  });
});

describe.each(methodCases)('$name', (method) => {
  it(`POSTs ${method.path} with credentials in headers, Plaid-Version and a body valid per the official schema`, async () => {
    const captured = interceptOnce(method.path, 200, okAnswer(method.path));
    await invokeMethod(testClient(), method.name, method.input);
    expect(captured).toHaveLength(1);
    const request = captured[0] as CapturedRequest;
    expect(request.path).toBe(method.path);
    expect(request.headers['plaid-client-id']).toBe(CLIENT_ID);
    expect(request.headers['plaid-secret']).toBe(SECRET);
    expect(request.headers['plaid-version']).toBe(PLAID_API_VERSION);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual(method.expectedBody);
    expect(request.body).not.toHaveProperty('secret');
    expect(request.body).not.toHaveProperty('client_id');
    expect(plaidSpec.requestErrors('post', method.path, request.body)).toBeUndefined();
  });

  it('returns the answer in camelCase with requestId', async () => {
    interceptOnce(method.path, 200, okAnswer(method.path));
    const result = await invokeMethod(testClient(), method.name, method.input);
    expect(result).toEqual(method.expectedResult);
  });

  it('tolerates extra fields Plaid may add to the answer', async () => {
    interceptOnce(method.path, 200, { ...okAnswer(method.path), some_future_field: { nested: true } });
    await expect(invokeMethod(testClient(), method.name, method.input)).resolves.toEqual(
      method.expectedResult,
    );
  });
});

describe('createLinkToken', () => {
  it('update mode sends access_token, no products, and account selection', async () => {
    const captured = interceptOnce('/link/token/create', 200, okAnswer('/link/token/create'));
    await testClient().createLinkToken({
      clientName: 'Acme',
      clientUserId: 'user-42',
      accessToken: ACCESS_TOKEN,
      accountSelectionEnabled: true,
      countryCodes: ['US', 'CA'],
      language: 'fr',
    });
    const body = captured[0]?.body as Record<string, unknown>;
    expect(body).toEqual({
      client_name: 'Acme',
      language: 'fr',
      country_codes: ['US', 'CA'],
      user: { client_user_id: 'user-42' },
      access_token: ACCESS_TOKEN,
      update: { account_selection_enabled: true },
    });
    expect(body).not.toHaveProperty('products');
    expect(plaidSpec.requestErrors('post', '/link/token/create', body)).toBeUndefined();
  });
});

describe('updateItemWebhook', () => {
  it('sends webhook: null to remove the webhook', async () => {
    const captured = interceptOnce('/item/webhook/update', 200, {
      item: { ...(okAnswers['/item/get']?.item as object), webhook: null },
      request_id: 'req-clear',
    });
    const result = await testClient().updateItemWebhook({ accessToken: ACCESS_TOKEN, webhook: null });
    expect(captured[0]?.body).toEqual({ access_token: ACCESS_TOKEN, webhook: null });
    expect(plaidSpec.requestErrors('post', '/item/webhook/update', captured[0]?.body)).toBeUndefined();
    expect(result.item.webhook).toBeNull();
  });
});

describe('getItem', () => {
  it('maps an Item error and tolerates missing optional fields', async () => {
    interceptOnce('/item/get', 200, {
      item: {
        item_id: ITEM_ID,
        webhook: null,
        error: {
          error_type: 'ITEM_ERROR',
          error_code: 'ITEM_LOGIN_REQUIRED',
          error_message: 'the login details of this item have changed',
          display_message: null,
          status: 400,
        },
        available_products: [],
        billed_products: ['auth'],
        consent_expiration_time: null,
      },
      request_id: 'req-errored',
    });
    const { item, requestId } = await testClient().getItem({ accessToken: ACCESS_TOKEN });
    expect(requestId).toBe('req-errored');
    expect(item.institutionId).toBeNull();
    expect(item.error).toEqual({
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_message: 'the login details of this item have changed',
      display_message: null,
      status: 400,
    });
  });
});

describe('request()', () => {
  const processorSchema = z.object({ processor_token: z.string(), request_id: z.string() });

  it('sends a snake_case body to any endpoint and validates the answer with the given schema', async () => {
    const captured = interceptOnce('/processor/token/create', 200, okAnswer('/processor/token/create'));
    const body = { access_token: ACCESS_TOKEN, account_id: 'acc-1', processor: 'dwolla' };
    const result = await testClient().request('/processor/token/create', body, processorSchema);
    expect(result).toEqual({ processor_token: 'processor-sandbox-0asd1-a92nc', request_id: 'req-processor' });
    expect(captured[0]?.body).toEqual(body);
    expect(captured[0]?.headers['plaid-secret']).toBe(SECRET);
    expect(plaidSpec.requestErrors('post', '/processor/token/create', captured[0]?.body)).toBeUndefined();
  });

  it('uses the baseUrl override (emulator) and trims its trailing slash', async () => {
    const captured = interceptOnce(
      '/plaid/processor/token/create',
      200,
      okAnswer('/processor/token/create'),
      [],
      {},
      'http://127.0.0.1:4010',
    );
    const client = testClient({ baseUrl: 'http://127.0.0.1:4010/plaid/' });
    expect(client.baseUrl).toBe('http://127.0.0.1:4010/plaid');
    await client.request(
      '/processor/token/create',
      { access_token: ACCESS_TOKEN, account_id: 'a', processor: 'dwolla' },
      processorSchema,
    );
    expect(captured).toHaveLength(1);
  });
});

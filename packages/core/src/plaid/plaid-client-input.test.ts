import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  ACCESS_TOKEN,
  CLIENT_ID,
  PRODUCTION_ACCESS_TOKEN,
  PRODUCTION_PUBLIC_TOKEN,
  PUBLIC_TOKEN,
  SECRET,
} from '../../test/plaid-fixtures.test-helpers.js';
import {
  interceptOnce,
  invokeMethod,
  methodCases,
  okAnswer,
  testClient,
} from '../../test/plaid-methods.test-helpers.js';
import { ConfigError, InputValidationError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { createPlaidClient } from './create-plaid-client.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

/** A fetch that records calls; every test asserts it was never called. */
function countingFetch(): FetchFunction & { calls: number } {
  const fetch = (async () => {
    fetch.calls += 1;
    return new Response('{}', { status: 500 });
  }) as unknown as FetchFunction & { calls: number };
  fetch.calls = 0;
  return fetch;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const DEV_ACCESS_TOKEN = 'access-development-7c69d345-hda9-ka68-ahs3-e9317406a2';

/** Bad inputs per method and the field each must name. */
const badInputs: Record<string, { input: unknown; field: string }[]> = {
  exchangePublicToken: [
    { input: {}, field: 'publicToken' },
    { input: { publicToken: 42 }, field: 'publicToken' },
    { input: { publicToken: '  ' }, field: 'publicToken' },
    { input: { publicToken: 'not-a-token' }, field: 'publicToken' },
    { input: { publicToken: ACCESS_TOKEN }, field: 'publicToken' },
    { input: { public_token: PUBLIC_TOKEN }, field: 'publicToken' },
    { input: { publicToken: PUBLIC_TOKEN, extra: true }, field: 'extra' },
  ],
  createLinkToken: [
    { input: {}, field: 'clientName' },
    { input: { clientName: 'Acme', products: ['auth'] }, field: 'clientUserId' },
    { input: { clientName: 'Acme', clientUserId: 'u1' }, field: 'products' },
    { input: { clientName: 'Acme', clientUserId: 'u1', products: [] }, field: 'products' },
    { input: { clientName: 'Acme', clientUserId: 'u1', products: ['balance'] }, field: 'products.0' },
    {
      input: { clientName: 'Acme', clientUserId: 'u1', products: ['auth'], countryCodes: ['XX'] },
      field: 'countryCodes.0',
    },
    {
      input: { clientName: 'Acme', clientUserId: 'u1', products: ['auth'], countryCodes: [] },
      field: 'countryCodes',
    },
    {
      input: { clientName: 'Acme', clientUserId: 'u1', products: ['auth'], webhook: 'not a url' },
      field: 'webhook',
    },
    {
      input: { clientName: 'Acme', clientUserId: 'u1', products: ['auth'], language: 'english' },
      field: 'language',
    },
    {
      input: { clientName: 'Acme', clientUserId: 'u1', accessToken: ACCESS_TOKEN, products: ['auth'] },
      field: 'products',
    },
    {
      input: { clientName: 'Acme', clientUserId: 'u1', products: ['auth'], accountSelectionEnabled: true },
      field: 'accountSelectionEnabled',
    },
    { input: { clientName: 'Acme', clientUserId: 'u1', accessToken: PUBLIC_TOKEN }, field: 'accessToken' },
  ],
  getAccounts: [
    { input: {}, field: 'accessToken' },
    { input: { accessToken: ACCESS_TOKEN, accountIds: [] }, field: 'accountIds' },
    { input: { accessToken: ACCESS_TOKEN, accountIds: [7] }, field: 'accountIds.0' },
    { input: { accessToken: PUBLIC_TOKEN }, field: 'accessToken' },
  ],
  getAuth: [
    { input: { accessToken: 1 }, field: 'accessToken' },
    { input: { accessToken: ACCESS_TOKEN, accountIds: 'acc' }, field: 'accountIds' },
  ],
  getItem: [
    { input: {}, field: 'accessToken' },
    { input: { access_token: ACCESS_TOKEN }, field: 'accessToken' },
    { input: { accessToken: 'garbage' }, field: 'accessToken' },
  ],
  removeItem: [{ input: { accessToken: null }, field: 'accessToken' }],
  updateItemWebhook: [
    { input: { accessToken: ACCESS_TOKEN }, field: 'webhook' },
    { input: { accessToken: ACCESS_TOKEN, webhook: 'ftp://example.com' }, field: 'webhook' },
  ],
  getInstitutionById: [
    { input: { countryCodes: ['US'] }, field: 'institutionId' },
    { input: { institutionId: 'ins_1' }, field: 'countryCodes' },
    { input: { institutionId: 'ins_1', countryCodes: 'US' }, field: 'countryCodes' },
  ],
  searchInstitutions: [
    { input: { query: '', countryCodes: ['US'] }, field: 'query' },
    { input: { query: 'Chase', countryCodes: ['US'], products: ['Auth!'] }, field: 'products.0' },
  ],
  'sandbox.createPublicToken': [
    { input: { initialProducts: ['auth'] }, field: 'institutionId' },
    { input: { institutionId: 'ins_109508', initialProducts: [] }, field: 'initialProducts' },
    {
      input: { institutionId: 'ins_109508', initialProducts: ['auth'], overridePassword: 7 },
      field: 'overridePassword',
    },
  ],
  'sandbox.resetLogin': [{ input: {}, field: 'accessToken' }],
  'sandbox.fireWebhook': [
    { input: { accessToken: ACCESS_TOKEN }, field: 'webhookCode' },
    { input: { accessToken: ACCESS_TOKEN, webhookCode: 'default update' }, field: 'webhookCode' },
  ],
};

describe.each(methodCases)('$name input validation', (method) => {
  const cases = badInputs[method.name] ?? [];

  it('has bad-input cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('rejects %j naming the field, before any network call', async ({ input, field }) => {
    const fetch = countingFetch();
    const error = await rejectionOf(invokeMethod(testClient({ fetch }), method.name, input));
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe(field);
    expect((error as InputValidationError).operation).toBe(method.name);
    expect((error as Error).message).toContain(field);
    expect(fetch.calls).toBe(0);
  });

  it.each([undefined, null, 'string', 42, []])(
    'rejects a non-object input (%j) before any network call',
    async (input) => {
      const fetch = countingFetch();
      const error = await rejectionOf(invokeMethod(testClient({ fetch }), method.name, input));
      expect(InputValidationError.isInstance(error)).toBe(true);
      expect(fetch.calls).toBe(0);
    },
  );

  it('rejects bad call options naming `signal`', async () => {
    const fetch = countingFetch();
    const error = await rejectionOf(
      invokeMethod(testClient({ fetch }), method.name, method.input, { signal: 'stop' } as unknown as {
        signal: AbortSignal;
      }),
    );
    expect(error).toMatchObject({ name: 'InputValidationError', field: 'signal' });
    expect(fetch.calls).toBe(0);
  });

  it('reports a missing Plaid secret as a ConfigError at call time, before any network call', async () => {
    vi.stubEnv('PLAID_SECRET', '');
    const fetch = countingFetch();
    const client = createPlaidClient({ clientId: CLIENT_ID, fetch });
    const error = await rejectionOf(invokeMethod(client, method.name, method.input));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('PLAID_SECRET');
    expect(fetch.calls).toBe(0);
  });

  if (method.sandboxOnly) {
    it('is refused on a production client with a ConfigError before any network call', async () => {
      const fetch = countingFetch();
      const client = testClient({ fetch, environment: 'production' });
      const input = {
        ...method.input,
        ...(method.tokenField ? { [method.tokenField.field]: PRODUCTION_ACCESS_TOKEN } : {}),
      };
      const error = await rejectionOf(invokeMethod(client, method.name, input));
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'SANDBOX_ONLY' });
      expect(fetch.calls).toBe(0);
    });
  }

  const tokenField = method.tokenField;
  if (tokenField) {
    const otherEnvironment = tokenField.kind === 'access' ? PRODUCTION_ACCESS_TOKEN : PRODUCTION_PUBLIC_TOKEN;

    it(`refuses a production ${tokenField.kind} token on a sandbox client before any network call`, async () => {
      const error = await rejectionOf(
        invokeMethod(testClient(), method.name, { ...method.input, [tokenField.field]: otherEnvironment }),
      );
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'PLAID_ENVIRONMENT_MISMATCH' });
      expect((error as Error).message).toContain('production');
      expect((error as Error).message).toContain('sandbox');
      expect((error as Error).message).not.toContain(otherEnvironment);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('refuses a retired Development token, saying what to use instead', async () => {
      const devToken = tokenField.kind === 'access' ? DEV_ACCESS_TOKEN : 'public-development-1234-abcd';
      const error = await rejectionOf(
        invokeMethod(testClient(), method.name, { ...method.input, [tokenField.field]: devToken }),
      );
      expect(error).toMatchObject({ name: 'ConfigError', code: 'PLAID_ENVIRONMENT_RETIRED' });
      expect((error as Error).message).toMatch(/retired/);
      expect((error as Error).message).toMatch(/sandbox/);
    });

    if (!method.sandboxOnly) {
      it(`refuses a sandbox ${tokenField.kind} token on a production client`, async () => {
        const fetch = countingFetch();
        const client = testClient({ fetch, environment: 'production' });
        const error = await rejectionOf(invokeMethod(client, method.name, method.input));
        expect(error).toMatchObject({ name: 'ConfigError', code: 'PLAID_ENVIRONMENT_MISMATCH' });
        expect(fetch.calls).toBe(0);
      });
    }
  }
});

describe('createLinkToken update mode token checks', () => {
  it('refuses a production access token on a sandbox client', async () => {
    const error = await rejectionOf(
      testClient().createLinkToken({
        clientName: 'Acme',
        clientUserId: 'u1',
        accessToken: PRODUCTION_ACCESS_TOKEN,
      }),
    );
    expect(error).toMatchObject({ name: 'ConfigError', code: 'PLAID_ENVIRONMENT_MISMATCH' });
  });
});

describe('request() input validation', () => {
  const schema = z.object({ request_id: z.string() });

  it.each([
    { path: 'processor/token/create', field: 'path' },
    { path: '/processor/../secret', field: 'path' },
    { path: 'https://evil.example/x', field: 'path' },
    { path: 42, field: 'path' },
  ])('rejects path %j', async ({ path, field }) => {
    const fetch = countingFetch();
    const error = await rejectionOf(testClient({ fetch }).request(path as string, {}, schema));
    expect(error).toMatchObject({ name: 'InputValidationError', field });
    expect(fetch.calls).toBe(0);
  });

  it('rejects a body that is not an object and a schema that is not zod', async () => {
    const client = testClient({ fetch: countingFetch() });
    await expect(
      client.request('/item/get', [] as unknown as Record<string, unknown>, schema),
    ).rejects.toMatchObject({
      field: 'body',
    });
    await expect(client.request('/item/get', {}, {} as z.ZodType)).rejects.toMatchObject({
      field: 'responseSchema',
    });
  });

  it('refuses body tokens of another environment or kind before any network call', async () => {
    const fetch = countingFetch();
    const client = testClient({ fetch });
    await expect(
      client.request(
        '/processor/token/create',
        { access_token: PRODUCTION_ACCESS_TOKEN, account_id: 'a' },
        schema,
      ),
    ).rejects.toMatchObject({ name: 'ConfigError', code: 'PLAID_ENVIRONMENT_MISMATCH' });
    await expect(
      client.request('/item/public_token/exchange', { public_token: ACCESS_TOKEN }, schema),
    ).rejects.toMatchObject({ name: 'InputValidationError', field: 'body.public_token' });
    await expect(client.request('/item/get', { access_token: 12 }, schema)).rejects.toMatchObject({
      field: 'body.access_token',
    });
    expect(fetch.calls).toBe(0);
  });

  it('refuses /sandbox/ endpoints on a production client', async () => {
    const fetch = countingFetch();
    const client = testClient({ fetch, environment: 'production' });
    await expect(
      client.request('/sandbox/item/reset_login', { access_token: PRODUCTION_ACCESS_TOKEN }, schema),
    ).rejects.toMatchObject({ name: 'ConfigError', code: 'SANDBOX_ONLY' });
    expect(fetch.calls).toBe(0);
  });
});

describe('createPlaidClient settings', () => {
  it('never throws for missing credentials at construction and reads env vars at the first call', async () => {
    vi.stubEnv('PLAID_CLIENT_ID', '');
    vi.stubEnv('PLAID_SECRET', '');
    const client = createPlaidClient({ retry: { initialDelayMs: 0 } });
    vi.stubEnv('PLAID_CLIENT_ID', CLIENT_ID);
    vi.stubEnv('PLAID_SECRET', SECRET);
    const captured = interceptOnce('/item/get', 200, okAnswer('/item/get'));
    await client.getItem({ accessToken: ACCESS_TOKEN });
    expect(captured[0]?.headers['plaid-client-id']).toBe(CLIENT_ID);
    expect(captured[0]?.headers['plaid-secret']).toBe(SECRET);
  });

  it('names PLAID_CLIENT_ID when no client id is available', async () => {
    vi.stubEnv('PLAID_CLIENT_ID', '');
    const error = await rejectionOf(
      createPlaidClient({ secret: SECRET }).getItem({ accessToken: ACCESS_TOKEN }),
    );
    expect(error).toMatchObject({ name: 'ConfigError', code: 'MISSING_SETTING' });
    expect((error as Error).message).toContain('PLAID_CLIENT_ID');
    expect((error as Error).message).toContain('clientId');
  });

  it('defaults to sandbox and targets production when asked', () => {
    expect(createPlaidClient()).toMatchObject({
      environment: 'sandbox',
      baseUrl: 'https://sandbox.plaid.com',
    });
    expect(createPlaidClient({ environment: 'production' })).toMatchObject({
      environment: 'production',
      baseUrl: 'https://production.plaid.com',
    });
  });

  it("refuses environment 'development' with a ConfigError explaining its retirement", () => {
    let error: unknown;
    try {
      createPlaidClient({ environment: 'development' as 'sandbox' });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PLAID_ENVIRONMENT_RETIRED' });
    expect((error as Error).message).toMatch(/retired the Development environment/);
    expect((error as Error).message).toMatch(/'sandbox'/);
    expect((error as Error).message).toMatch(/'production'/);
  });

  it('refuses an unknown environment', () => {
    expect(() => createPlaidClient({ environment: 'staging' as 'sandbox' })).toThrow(
      /expected 'sandbox' or 'production'/,
    );
  });

  it.each([
    { settings: { timeoutMs: -1 }, field: 'timeoutMs' },
    { settings: { timeoutMs: 1.5 }, field: 'timeoutMs' },
    { settings: { maxRetries: '2' }, field: 'maxRetries' },
    { settings: { maxRetries: 99 }, field: 'maxRetries' },
    { settings: { baseUrl: 'ftp://example.com' }, field: 'baseUrl' },
    { settings: { baseUrl: 'not a url' }, field: 'baseUrl' },
    { settings: { fetch: 'fetch' }, field: 'fetch' },
    { settings: { logger: { info: () => {} } }, field: 'logger' },
    { settings: { clientId: '' }, field: 'clientId' },
    { settings: { secret: 42 }, field: 'secret' },
    { settings: { env: 'sandbox' }, field: 'env' },
  ])('rejects settings %j naming the field', ({ settings, field }) => {
    let error: unknown;
    try {
      createPlaidClient(settings as never);
    } catch (caught) {
      error = caught;
    }
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field, operation: 'createPlaidClient' });
  });

  it('rejects settings that are not an object', () => {
    expect(() => createPlaidClient('sandbox' as never)).toThrow(InputValidationError);
  });
});

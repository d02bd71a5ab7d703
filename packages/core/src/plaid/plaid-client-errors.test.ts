import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { plaidErrorBody } from '../../test/plaid-fixtures.test-helpers.js';
import {
  interceptOnce,
  invokeMethod,
  methodCases,
  okAnswer,
  testClient,
} from '../../test/plaid-methods.test-helpers.js';
import { NetworkError, ProviderError, ResponseValidationError } from '../errors.js';
import type { FetchFunction } from '../http.js';
import { PlaidApiError } from './plaid-api-error.js';

const plaidSpec = createOpenApiValidator('plaid');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** One Plaid error answer per error_type, with what achbridge must make of it. */
const errorTypeCases = [
  {
    type: 'INVALID_REQUEST',
    code: 'MISSING_FIELDS',
    status: 400,
    category: 'client_action',
    retryable: false,
  },
  {
    type: 'INVALID_INPUT',
    code: 'INVALID_ACCESS_TOKEN',
    status: 400,
    category: 'client_action',
    retryable: false,
  },
  {
    type: 'INVALID_RESULT',
    code: 'LAST_UPDATED_DATETIME_OUT_OF_RANGE',
    status: 400,
    category: 'unknown',
    retryable: false,
  },
  { type: 'ITEM_ERROR', code: 'ITEM_LOGIN_REQUIRED', status: 400, category: 'user_action', retryable: false },
  { type: 'ITEM_ERROR', code: 'NO_AUTH_ACCOUNTS', status: 400, category: 'user_action', retryable: false },
  {
    type: 'INSTITUTION_ERROR',
    code: 'INSTITUTION_DOWN',
    status: 400,
    category: 'retryable',
    retryable: true,
  },
  {
    type: 'INSTITUTION_ERROR',
    code: 'INSTITUTION_NO_LONGER_SUPPORTED',
    status: 400,
    category: 'client_action',
    retryable: false,
  },
  { type: 'RATE_LIMIT_EXCEEDED', code: 'RATE_LIMIT', status: 429, category: 'retryable', retryable: true },
  { type: 'API_ERROR', code: 'INTERNAL_SERVER_ERROR', status: 500, category: 'retryable', retryable: true },
  { type: 'API_ERROR', code: 'PLANNED_MAINTENANCE', status: 503, category: 'retryable', retryable: true },
  {
    type: 'ASSET_REPORT_ERROR',
    code: 'PRODUCT_NOT_ENABLED',
    status: 400,
    category: 'client_action',
    retryable: false,
  },
  {
    type: 'SANDBOX_ERROR',
    code: 'SANDBOX_PRODUCT_NOT_ENABLED',
    status: 400,
    category: 'client_action',
    retryable: false,
  },
  { type: 'OAUTH_ERROR', code: 'INCORRECT_OAUTH_NONCE', status: 400, category: 'unknown', retryable: false },
  { type: 'RECAPTCHA_ERROR', code: 'RECAPTCHA_BAD', status: 400, category: 'unknown', retryable: false },
] as const;

describe.each(methodCases)('$name errors', (method) => {
  it.each(errorTypeCases)('maps $type / $code (HTTP $status) to a PlaidApiError', async (c) => {
    const body = plaidErrorBody(c.type, c.code, { display_message: 'Please try again.' });
    expect(plaidSpec.schemaErrors('PlaidError', body)).toBeUndefined();
    interceptOnce(method.path, c.status, body);
    const error = await rejectionOf(invokeMethod(testClient({ maxRetries: 0 }), method.name, method.input));
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect(ProviderError.isInstance(error)).toBe(true);
    const plaidError = error as PlaidApiError;
    expect(plaidError).toMatchObject({
      provider: 'plaid',
      status: c.status,
      requestId: `req-${c.code.toLowerCase()}`,
      errorType: c.type,
      errorCode: c.code,
      code: c.code,
      errorMessage: `mock ${c.code.toLowerCase()}`,
      displayMessage: 'Please try again.',
      category: c.category,
      isRetryable: c.retryable,
      endpoint: method.path,
    });
    expect(plaidError.remediation).toEqual(expect.any(String));
    expect(plaidError.message).toContain(c.code);
  });

  it('turns a malformed 200 answer into a ResponseValidationError carrying the request id', async () => {
    const onlyRequestId = Object.keys(okAnswer(method.path)).length === 1;
    // Every field but request_id has the wrong type; an answer that is only request_id gets a numeric one.
    const malformed = onlyRequestId
      ? { request_id: 12345 }
      : {
          ...Object.fromEntries(Object.keys(okAnswer(method.path)).map((key) => [key, 12345])),
          request_id: 'req-bad',
        };
    interceptOnce(method.path, 200, malformed, [], { 'X-Request-Id': 'hdr-bad' });
    const error = await rejectionOf(invokeMethod(testClient(), method.name, method.input));
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'plaid',
      endpoint: method.path,
      status: 200,
      requestId: onlyRequestId ? 'hdr-bad' : 'req-bad',
      isRetryable: false,
    });
    expect((error as ResponseValidationError).issues.length).toBeGreaterThan(0);
  });

  it('turns a non-JSON 200 answer into a ResponseValidationError', async () => {
    interceptOnce(method.path, 200, 'OK', [], { 'X-Request-Id': 'hdr-1' });
    const error = await rejectionOf(invokeMethod(testClient(), method.name, method.input));
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ requestId: 'hdr-1' });
  });

  it('turns an HTML 503 into a retryable INTERNAL_SERVER_ERROR and retries it, never crashing', async () => {
    const html = '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>';
    const captured = interceptOnce(method.path, 503, html, [], {
      'Content-Type': 'text/html',
      'X-Request-Id': 'edge-1',
    });
    interceptOnce(method.path, 503, html, captured, {
      'Content-Type': 'text/html',
      'X-Request-Id': 'edge-2',
    });
    const error = await rejectionOf(invokeMethod(testClient({ maxRetries: 1 }), method.name, method.input));
    expect(captured).toHaveLength(2);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 503,
      errorType: 'API_ERROR',
      errorCode: 'INTERNAL_SERVER_ERROR',
      isRetryable: true,
      requestId: 'edge-2',
    });
    expect((error as PlaidApiError).errorMessage).toContain('non-JSON');
  });

  it('retries a 429 with Retry-After and resends the identical request', async () => {
    const captured = interceptOnce(
      method.path,
      429,
      plaidErrorBody('RATE_LIMIT_EXCEEDED', 'RATE_LIMIT'),
      [],
      {
        'Retry-After': '0',
      },
    );
    interceptOnce(method.path, 200, okAnswer(method.path), captured);
    const result = await invokeMethod(testClient({ maxRetries: 2 }), method.name, method.input);
    expect(result).toEqual(method.expectedResult);
    expect(captured).toHaveLength(2);
    expect(captured[1]?.body).toEqual(captured[0]?.body);
    expect(captured[1]?.headers['plaid-secret']).toBe(captured[0]?.headers['plaid-secret']);
  });

  it('never retries a 400', async () => {
    const captured = interceptOnce(method.path, 400, plaidErrorBody('INVALID_REQUEST', 'INVALID_FIELD'));
    const spare = nock('https://sandbox.plaid.com').post(method.path).reply(200, okAnswer(method.path));
    const error = await rejectionOf(invokeMethod(testClient({ maxRetries: 3 }), method.name, method.input));
    expect(error).toMatchObject({ errorCode: 'INVALID_FIELD', isRetryable: false });
    expect(captured).toHaveLength(1);
    expect(spare.isDone()).toBe(false);
  });

  it('gives an unknown error code the unknown category and generic advice', async () => {
    interceptOnce(method.path, 400, plaidErrorBody('ITEM_ERROR', 'BRAND_NEW_CODE_2031'));
    const error = await rejectionOf(invokeMethod(testClient(), method.name, method.input));
    expect(error).toMatchObject({
      errorCode: 'BRAND_NEW_CODE_2031',
      errorType: 'ITEM_ERROR',
      category: 'unknown',
      isRetryable: false,
    });
    expect((error as PlaidApiError).remediation).toContain('not in achbridge');
  });

  it('times out a hanging request with a NetworkError', async () => {
    const hanging: FetchFunction = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const client = testClient({ fetch: hanging, timeoutMs: 20, maxRetries: 0 });
    const error = await rejectionOf(invokeMethod(client, method.name, method.input));
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'plaid',
      reason: 'timeout',
      isRetryable: true,
      endpoint: method.path,
    });
  });
});

describe('transport details', () => {
  const getItem = methodCases.find((c) => c.name === 'getItem');
  if (!getItem) throw new Error('getItem case missing');

  it('keeps Retry-After on the error when retries are exhausted', async () => {
    interceptOnce(getItem.path, 429, plaidErrorBody('RATE_LIMIT_EXCEEDED', 'ITEM_GET_LIMIT'), [], {
      'Retry-After': '7',
    });
    const error = await rejectionOf(
      testClient({ maxRetries: 0 }).getItem(getItem.input as { accessToken: string }),
    );
    expect(error).toMatchObject({ errorCode: 'ITEM_GET_LIMIT', retryAfterMs: 7000, isRetryable: true });
  });

  it('reads the request id from the X-Request-Id header when the body has none', async () => {
    const { request_id: _dropped, ...body } = plaidErrorBody('INVALID_INPUT', 'INVALID_ACCESS_TOKEN');
    interceptOnce(getItem.path, 400, body, [], { 'X-Request-Id': 'hdr-42' });
    const error = await rejectionOf(testClient().getItem(getItem.input as { accessToken: string }));
    expect(error).toMatchObject({ requestId: 'hdr-42', errorCode: 'INVALID_ACCESS_TOKEN' });
  });

  it('maps a JSON error body that is not a Plaid error by status', async () => {
    interceptOnce(getItem.path, 502, { message: 'bad gateway' });
    const error = await rejectionOf(
      testClient({ maxRetries: 0 }).getItem(getItem.input as { accessToken: string }),
    );
    expect(error).toMatchObject({ errorCode: 'INTERNAL_SERVER_ERROR', isRetryable: true, status: 502 });
  });

  it('maps a non-JSON 404 (wrong baseUrl) to a non-retryable NOT_FOUND', async () => {
    interceptOnce(getItem.path, 404, 'Not Found');
    const error = await rejectionOf(
      testClient({ maxRetries: 3 }).getItem(getItem.input as { accessToken: string }),
    );
    expect(error).toMatchObject({ errorCode: 'NOT_FOUND', isRetryable: false, status: 404 });
    expect((error as PlaidApiError).errorMessage).toContain('baseUrl');
  });

  it('maps other non-JSON 4xx answers to HTTP_<status>', async () => {
    interceptOnce(getItem.path, 403, '<html>Forbidden</html>');
    const error = await rejectionOf(testClient().getItem(getItem.input as { accessToken: string }));
    expect(error).toMatchObject({ errorCode: 'HTTP_403', category: 'unknown', isRetryable: false });
  });

  it('retries a connection failure and succeeds', async () => {
    let calls = 0;
    const flaky: FetchFunction = async (url, init) => {
      calls += 1;
      if (calls === 1)
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
        });
      return globalThis.fetch(url, init);
    };
    interceptOnce(getItem.path, 200, okAnswer(getItem.path));
    const result = await testClient({ fetch: flaky }).getItem(getItem.input as { accessToken: string });
    expect(result.requestId).toBe('req-item');
    expect(calls).toBe(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const controller = new AbortController();
    let calls = 0;
    const hanging: FetchFunction = (_url, init) => {
      calls += 1;
      queueMicrotask(() => controller.abort());
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    };
    const client = testClient({ fetch: hanging, maxRetries: 5 });
    const error = await rejectionOf(
      client.getItem(getItem.input as { accessToken: string }, { signal: controller.signal }),
    );
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'aborted', isRetryable: false });
    expect(calls).toBe(1);
  });

  it('refuses an already-aborted signal before any request', async () => {
    let calls = 0;
    const counting: FetchFunction = async () => {
      calls += 1;
      return new Response('{}');
    };
    const error = await rejectionOf(
      testClient({ fetch: counting }).getItem(getItem.input as { accessToken: string }, {
        signal: AbortSignal.abort(),
      }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted' });
    expect(calls).toBe(0);
  });
});

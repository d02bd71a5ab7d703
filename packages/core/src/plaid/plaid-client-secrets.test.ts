import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ACCESS_TOKEN,
  PRODUCTION_ACCESS_TOKEN,
  PUBLIC_TOKEN,
  SECRET,
} from '../../test/plaid-fixtures.test-helpers.js';
import { interceptOnce, okAnswer, testClient } from '../../test/plaid-methods.test-helpers.js';
import type { FetchFunction } from '../http.js';
import type { LogFields, Logger } from '../logger.js';
import { createPlaidClient } from './create-plaid-client.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** Every way an error gets printed or shipped to a log collector. */
function renderings(error: Error): string[] {
  return [
    String(error),
    error.message,
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify({ wrapped: error }),
    inspect(error),
    inspect(error, { depth: 10, showHidden: true }),
    inspect({ error }, { depth: 10 }),
  ];
}

function expectNoSecrets(error: Error, secrets: string[]): void {
  for (const text of renderings(error)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

describe('no secret ever reaches an error', () => {
  it('redacts tokens and the secret that Plaid echoes back in an error body', async () => {
    interceptOnce('/item/get', 400, {
      error_type: 'INVALID_INPUT',
      error_code: 'INVALID_ACCESS_TOKEN',
      error_message: `could not find matching access token ${ACCESS_TOKEN} for secret ${SECRET}`,
      display_message: `token ${ACCESS_TOKEN}`,
      causes: [{ access_token: ACCESS_TOKEN, note: `secret=${SECRET}` }],
      suggested_action: `check ${SECRET}`,
      request_id: 'req-echo',
    });
    const error = await rejectionOf(testClient().getItem({ accessToken: ACCESS_TOKEN }));
    expect(error).toMatchObject({
      name: 'PlaidApiError',
      errorCode: 'INVALID_ACCESS_TOKEN',
      requestId: 'req-echo',
    });
    expectNoSecrets(error, [SECRET, ACCESS_TOKEN]);
    expect(JSON.stringify(error)).toContain('[REDACTED]');
  });

  it('redacts a secret that only came from PLAID_SECRET when a transport error quotes the headers', async () => {
    const envSecret = 'env-only-secret-value-77a1';
    vi.stubEnv('PLAID_CLIENT_ID', 'client-from-env');
    vi.stubEnv('PLAID_SECRET', envSecret);
    const leaky: FetchFunction = async (_url, init) => {
      const headers = init?.headers as Record<string, string>;
      throw new TypeError(`fetch failed: headers ${JSON.stringify(headers)}`);
    };
    const error = await rejectionOf(
      createPlaidClient({ fetch: leaky, maxRetries: 0 }).exchangePublicToken({ publicToken: PUBLIC_TOKEN }),
    );
    expect(error).toMatchObject({ name: 'NetworkError', provider: 'plaid' });
    // The transport error did quote the header; it arrives redacted.
    expect(error.message).toContain('"PLAID-SECRET":"[REDACTED]"');
    expectNoSecrets(error, [envSecret, PUBLIC_TOKEN]);
  });

  it('never quotes the token in environment-mismatch or wrong-kind errors', async () => {
    const mismatch = await rejectionOf(testClient().getAuth({ accessToken: PRODUCTION_ACCESS_TOKEN }));
    expectNoSecrets(mismatch, [PRODUCTION_ACCESS_TOKEN]);
    const wrongKind = await rejectionOf(testClient().exchangePublicToken({ publicToken: ACCESS_TOKEN }));
    expect(wrongKind).toMatchObject({ name: 'InputValidationError', field: 'publicToken' });
    expectNoSecrets(wrongKind, [ACCESS_TOKEN]);
  });

  it('keeps malformed-answer errors free of the tokens inside the answer', async () => {
    interceptOnce('/item/public_token/exchange', 200, { access_token: ACCESS_TOKEN, request_id: 'req-x' });
    const error = await rejectionOf(testClient().exchangePublicToken({ publicToken: PUBLIC_TOKEN }));
    expect(error).toMatchObject({ name: 'ResponseValidationError', requestId: 'req-x' });
    expectNoSecrets(error, [ACCESS_TOKEN, PUBLIC_TOKEN, SECRET]);
  });
});

describe('logging', () => {
  function capturingLogger(): Logger & { lines: { message: string; fields?: LogFields }[] } {
    const lines: { message: string; fields?: LogFields }[] = [];
    const log = (message: string, fields?: LogFields): void => {
      lines.push(fields === undefined ? { message } : { message, fields });
    };
    return { lines, debug: log, info: log, warn: log, error: log };
  }

  it('logs requests and retries through the caller logger without secrets or tokens', async () => {
    const logger = capturingLogger();
    interceptOnce('/item/get', 503, '<html>down</html>');
    interceptOnce('/item/get', 200, okAnswer('/item/get'));
    await testClient({ logger }).getItem({ accessToken: ACCESS_TOKEN });
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.some((line) => line.message.includes('retry'))).toBe(true);
    const dump = JSON.stringify(logger.lines);
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(ACCESS_TOKEN);
  });

  it('is silent by default', async () => {
    const spies = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'debug'),
    ];
    interceptOnce('/item/get', 503, '<html>down</html>');
    interceptOnce('/item/get', 200, okAnswer('/item/get'));
    await testClient().getItem({ accessToken: ACCESS_TOKEN });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('survives a logger that throws', async () => {
    const explode = (): void => {
      throw new Error('logger down');
    };
    interceptOnce('/item/get', 200, okAnswer('/item/get'));
    const result = await testClient({
      logger: { debug: explode, info: explode, warn: explode, error: explode },
    }).getItem({
      accessToken: ACCESS_TOKEN,
    });
    expect(result.requestId).toBe('req-item');
  });
});

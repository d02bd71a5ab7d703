import { ConfigError, InputValidationError, NetworkError, silentLogger } from '@achbridge/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASIC, HAL, SANDBOX, TEST_KEY, TEST_SECRET } from '../test/dwolla.test-helpers.js';
import { DwollaApiError } from './dwolla-errors.js';
import { createDwollaTokenManager } from './dwolla-token-manager.js';

function manager(clock: { now: number }, overrides: { key?: () => string } = {}) {
  return createDwollaTokenManager({
    tokenUrl: `${SANDBOX}/token`,
    key: overrides.key ?? (() => TEST_KEY),
    secret: () => TEST_SECRET,
    fetch: (input, init) => fetch(input, init),
    timeoutMs: 5000,
    logger: silentLogger,
    now: () => clock.now,
  });
}

describe('createDwollaTokenManager', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('posts client credentials with Basic auth and a form body, then caches the token', async () => {
    const scope = nock(SANDBOX, {
      reqheaders: {
        authorization: BASIC,
        'content-type': 'application/x-www-form-urlencoded',
        accept: HAL,
      },
    })
      .post('/token', 'grant_type=client_credentials')
      .once()
      .reply(200, { access_token: 'token-cached-1', token_type: 'Bearer', expires_in: 3600 });
    const tokens = manager({ now: 1_000_000 });
    expect(await tokens.getToken()).toBe('token-cached-1');
    expect(await tokens.getToken()).toBe('token-cached-1');
    expect(scope.isDone()).toBe(true);
  });

  it('shares one /token request between concurrent callers (single flight)', async () => {
    let calls = 0;
    nock(SANDBOX)
      .post('/token')
      .times(5)
      .delay(20)
      .reply(200, () => {
        calls += 1;
        return { access_token: `token-flight-${calls}`, token_type: 'bearer', expires_in: 3600 };
      });
    const tokens = manager({ now: 1_000_000 });
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.getToken()));
    expect(calls).toBe(1);
    expect(new Set(results)).toEqual(new Set(['token-flight-1']));
  });

  it('refreshes 60 s before expiry, not earlier', async () => {
    let calls = 0;
    nock(SANDBOX)
      .post('/token')
      .times(3)
      .reply(200, () => {
        calls += 1;
        return { access_token: `token-expiry-${calls}`, token_type: 'bearer', expires_in: 3600 };
      });
    const clock = { now: 1_000_000 };
    const tokens = manager(clock);
    expect(await tokens.getToken()).toBe('token-expiry-1');
    clock.now += 3_539_000; // 59 min 59 s: 61 s before expiry
    expect(await tokens.getToken()).toBe('token-expiry-1');
    clock.now += 2_000; // now inside the 60 s leeway
    expect(await tokens.getToken()).toBe('token-expiry-2');
    expect(calls).toBe(2);
  });

  it('caps the leeway at half the lifetime for short-lived tokens', async () => {
    let calls = 0;
    nock(SANDBOX)
      .post('/token')
      .times(3)
      .reply(200, () => {
        calls += 1;
        return { access_token: `token-short-${calls}`, token_type: 'bearer', expires_in: 10 };
      });
    const clock = { now: 1_000_000 };
    const tokens = manager(clock);
    expect(await tokens.getToken()).toBe('token-short-1');
    clock.now += 4_000;
    expect(await tokens.getToken()).toBe('token-short-1');
    clock.now += 2_000;
    expect(await tokens.getToken()).toBe('token-short-2');
  });

  it('invalidate drops only the cached token it names', async () => {
    let calls = 0;
    nock(SANDBOX)
      .post('/token')
      .times(3)
      .reply(200, () => {
        calls += 1;
        return { access_token: `token-inv-${calls}`, token_type: 'bearer', expires_in: 3600 };
      });
    const tokens = manager({ now: 1_000_000 });
    const first = await tokens.getToken();
    tokens.invalidate('some-other-token');
    expect(await tokens.getToken()).toBe(first);
    tokens.invalidate(first);
    expect(await tokens.getToken()).toBe('token-inv-2');
  });

  it('does not cache a token error: the next call asks again', async () => {
    nock(SANDBOX).post('/token').reply(401, { error: 'invalid_client' });
    nock(SANDBOX)
      .post('/token')
      .reply(200, { access_token: 'token-after-error', token_type: 'bearer', expires_in: 3600 });
    const tokens = manager({ now: 1_000_000 });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(DwollaApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_client', status: 401, isRetryable: false });
    expect((error as DwollaApiError).remediation).toMatch(/DWOLLA_KEY/);
    expect(String(error)).not.toContain(TEST_SECRET);
    expect(await tokens.getToken()).toBe('token-after-error');
  });

  it('rejects a malformed token answer with a ResponseValidationError that does not show the token', async () => {
    nock(SANDBOX)
      .post('/token')
      .reply(200, { access_token: 'leaky-token-value-123', token_type: 'mac', expires_in: 3600 });
    const tokens = manager({ now: 1_000_000 });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseValidationError', endpoint: '/token', provider: 'dwolla' });
    expect(JSON.stringify(error)).not.toContain('leaky-token-value-123');
  });

  it('rejects a non-JSON token answer with a ResponseValidationError', async () => {
    nock(SANDBOX).post('/token').reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
    const error = await manager({ now: 1 })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseValidationError', code: 'RESPONSE_VALIDATION_ERROR' });
  });

  it('reads the credentials lazily: a missing key fails the first call, not construction', async () => {
    const tokens = manager(
      { now: 1 },
      {
        key: () => {
          throw new ConfigError('Dwolla application key is missing.');
        },
      },
    );
    await expect(tokens.getToken()).rejects.toBeInstanceOf(ConfigError);
  });

  it("a caller's abort rejects that caller at once while the shared fetch serves the others", async () => {
    nock(SANDBOX)
      .post('/token')
      .delay(50)
      .reply(200, { access_token: 'token-shared-abort', token_type: 'bearer', expires_in: 3600 });
    const tokens = manager({ now: 1 });
    const controller = new AbortController();
    const aborted = tokens.getToken(controller.signal);
    const other = tokens.getToken();
    controller.abort();
    const error = await aborted.catch((e: unknown) => e);
    expect(NetworkError.isInstance(error) && error.reason === 'aborted').toBe(true);
    expect(await other).toBe('token-shared-abort');
  });

  it('validates its settings and arguments, naming the field', async () => {
    const valid = {
      tokenUrl: `${SANDBOX}/token`,
      key: () => TEST_KEY,
      secret: () => TEST_SECRET,
      timeoutMs: 5000,
      logger: silentLogger,
    };
    const fieldOf = (run: () => unknown): unknown => {
      try {
        run();
      } catch (error) {
        return InputValidationError.isInstance(error) ? error.issues.map((issue) => issue.path) : error;
      }
      return 'no error';
    };
    expect(fieldOf(() => createDwollaTokenManager({ ...valid, tokenUrl: 'not a url' }))).toEqual([
      'tokenUrl',
    ]);
    expect(fieldOf(() => createDwollaTokenManager({ ...valid, secret: 'plain' as never }))).toEqual([
      'secret',
    ]);
    expect(fieldOf(() => createDwollaTokenManager({ ...valid, timeoutMs: 0 }))).toEqual(['timeoutMs']);
    expect(fieldOf(() => createDwollaTokenManager({ ...valid, logger: {} as never }))).toEqual(['logger']);
    const tokens = createDwollaTokenManager(valid);
    expect(fieldOf(() => tokens.invalidate(42 as never))).toEqual(['']);
    await expect(tokens.getToken('not a signal' as never)).rejects.toBeInstanceOf(InputValidationError);
  });
});

import { ConfigError, InputValidationError, NetworkError, ResponseValidationError } from '@achbridge/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixtures, HAL, nockToken, SANDBOX, TEST_SECRET, testClient } from '../test/dwolla.test-helpers.js';
import { createDwollaClient } from './dwolla-client.js';
import { DwollaApiError } from './dwolla-errors.js';
import { fundingSourceSchema } from './dwolla-schemas.js';

const FS_ID = 'df8392e5-4c06-42ed-b247-c098ed6f5a11';
const CUSTOMER_ID = 'ab443d36-3757-44c1-a1b4-29727fb3111c';
const anyBody = z.unknown();

describe('createDwollaClient', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('sends HAL+JSON Accept and the bearer token on GET and validates the body', async () => {
    nockToken('bearer-get-0001');
    nock(SANDBOX, { reqheaders: { accept: HAL, authorization: 'Bearer bearer-get-0001' } })
      .get(`/funding-sources/${FS_ID}`)
      .reply(200, fixtures['fundingSource'], { 'x-request-id': 'req-123' });
    const response = await testClient().get(`/funding-sources/${FS_ID}`, fundingSourceSchema());
    expect(response.data).toMatchObject({ id: FS_ID, status: 'verified', bankName: 'SANDBOX TEST BANK' });
    expect(response.requestId).toBe('req-123');
  });

  it('sends HAL+JSON Content-Type and an Idempotency-Key on POST; create reads the Location header', async () => {
    nockToken();
    let seen: Record<string, unknown> = {};
    nock(SANDBOX, { reqheaders: { accept: HAL, 'content-type': HAL } })
      .post(`/customers/${CUSTOMER_ID}/funding-sources`, {
        name: 'Checking',
        plaidToken: 'processor-sandbox-abc123',
      })
      .reply(function () {
        seen = { key: this.req.headers['idempotency-key'] };
        return [201, '', { Location: `${SANDBOX}/funding-sources/${FS_ID}` }];
      });
    const created = await testClient().create(`/customers/${CUSTOMER_ID}/funding-sources`, {
      name: 'Checking',
      plaidToken: 'processor-sandbox-abc123',
    });
    expect(created).toMatchObject({
      status: 201,
      id: FS_ID,
      location: `${SANDBOX}/funding-sources/${FS_ID}`,
    });
    expect(seen['key']).toBe(created.idempotencyKey);
    expect(created.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the same Idempotency-Key across retries of a POST', async () => {
    nockToken();
    const keys: string[] = [];
    nock(SANDBOX)
      .post('/customers')
      .times(3)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length < 3
          ? [503, '<html><body>503 Service Unavailable</body></html>', { 'content-type': 'text/html' }]
          : [201, '', { Location: `${SANDBOX}/customers/${CUSTOMER_ID}` }];
      });
    const created = await testClient().create(
      '/customers',
      { firstName: 'Jane' },
      { idempotencyKey: 'fixed-key-1' },
    );
    expect(created.id).toBe(CUSTOMER_ID);
    expect(keys).toEqual(['fixed-key-1', 'fixed-key-1', 'fixed-key-1']);
  });

  it('generates one random key per call and reuses it for that call', async () => {
    nockToken();
    const keys: string[] = [];
    nock(SANDBOX)
      .post('/customers')
      .times(3)
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return keys.length === 1
          ? [500, { code: 'ServerError', message: 'oops' }]
          : [201, '', { Location: `${SANDBOX}/customers/${CUSTOMER_ID}` }];
      });
    const client = testClient();
    await client.create('/customers', { a: 1 });
    await client.create('/customers', { a: 1 });
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('on 401 ExpiredAccessToken refreshes the token once and retries once', async () => {
    nockToken('bearer-old-0001');
    nockToken('bearer-new-0002');
    nock(SANDBOX, { reqheaders: { authorization: 'Bearer bearer-old-0001' } })
      .get(`/funding-sources/${FS_ID}`)
      .reply(401, fixtures['expiredAccessToken']);
    nock(SANDBOX, { reqheaders: { authorization: 'Bearer bearer-new-0002' } })
      .get(`/funding-sources/${FS_ID}`)
      .reply(200, fixtures['fundingSource']);
    const response = await testClient().get(`/funding-sources/${FS_ID}`, fundingSourceSchema());
    expect(response.data.id).toBe(FS_ID);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('compares the 401 code case-insensitively and gives up after one refresh', async () => {
    nockToken('bearer-a-0001');
    nockToken('bearer-b-0002');
    const scope = nock(SANDBOX)
      .get(`/funding-sources/${FS_ID}`)
      .twice()
      .reply(401, { code: 'invalidAccessToken', message: 'Invalid access token.' });
    const error = await testClient()
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema())
      .catch((e: unknown) => e);
    expect(scope.isDone()).toBe(true);
    expect(DwollaApiError.isInstance(error) && error.hasCode('InvalidAccessToken')).toBe(true);
    expect((error as DwollaApiError).isRetryable).toBe(false);
  });

  it('concurrent requests share one token request', async () => {
    const tokenScope = nockToken('bearer-shared-0001');
    nock(SANDBOX).get(`/funding-sources/${FS_ID}`).times(6).reply(200, fixtures['fundingSource']);
    const client = testClient();
    await Promise.all(
      Array.from({ length: 6 }, () => client.get(`/funding-sources/${FS_ID}`, fundingSourceSchema())),
    );
    expect(tokenScope.isDone()).toBe(true);
  });

  it('turns a ValidationError into a DwollaApiError with embedded JSON-pointer paths', async () => {
    nockToken();
    nock(SANDBOX).post('/customers').reply(400, fixtures['validationError'], { 'x-request-id': 'req-val' });
    const error = await testClient()
      .create('/customers', { lastName: 'Doe' })
      .catch((e: unknown) => e);
    expect(DwollaApiError.isInstance(error)).toBe(true);
    const apiError = error as DwollaApiError;
    expect(apiError).toMatchObject({
      code: 'ValidationError',
      status: 400,
      requestId: 'req-val',
      isRetryable: false,
    });
    expect(apiError.embeddedErrors.map((e) => [e.code, e.path])).toEqual([
      ['Required', '/firstName'],
      ['Invalid', '/email'],
    ]);
    expect(apiError.message).toContain('/firstName');
    expect(apiError.remediation).toMatch(/JSON pointer/);
    expect(apiError.provider).toBe('dwolla');
  });

  it('exposes _links.about of a DuplicateResource error', async () => {
    nockToken();
    nock(SANDBOX).post(`/customers/${CUSTOMER_ID}/funding-sources`).reply(400, fixtures['duplicateResource']);
    const error = (await testClient()
      .create(`/customers/${CUSTOMER_ID}/funding-sources`, { name: 'x' })
      .catch((e: unknown) => e)) as DwollaApiError;
    expect(error.hasCode('duplicateresource')).toBe(true);
    expect(error.aboutUrl).toBe(`${SANDBOX}/funding-sources/${FS_ID}`);
  });

  it('maps NotFound (any case) to a non-retryable error with remediation', async () => {
    nockToken();
    nock(SANDBOX).get(`/customers/${CUSTOMER_ID}`).reply(404, fixtures['notFoundLowerCase']);
    const error = (await testClient()
      .get(`/customers/${CUSTOMER_ID}`, anyBody)
      .catch((e: unknown) => e)) as DwollaApiError;
    expect(error.hasCode('NotFound')).toBe(true);
    expect(error).toMatchObject({ status: 404, isRetryable: false, endpoint: '/customers/{id}' });
    expect(error.remediation).toMatch(/environment/);
  });

  it('tolerates an HTML 503: typed, retryable, retried, and thrown after the last attempt', async () => {
    nockToken();
    const scope = nock(SANDBOX)
      .get(`/funding-sources/${FS_ID}`)
      .times(3)
      .reply(503, '<!DOCTYPE html><html><body>Service Unavailable</body></html>', {
        'content-type': 'text/html',
      });
    const error = (await testClient()
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema())
      .catch((e: unknown) => e)) as DwollaApiError;
    expect(scope.isDone()).toBe(true);
    expect(DwollaApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ServerError', status: 503, isRetryable: true });
    expect(error.message).toContain('non-JSON body (text/html)');
  });

  it('rejects a malformed 200 body (not JSON) with a ResponseValidationError', async () => {
    nockToken();
    nock(SANDBOX).get(`/funding-sources/${FS_ID}`).reply(200, '{"id": "df83', { 'content-type': HAL });
    const error = await testClient()
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema())
      .catch((e: unknown) => e);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: 'dwolla',
      endpoint: '/funding-sources/{id}',
      isRetryable: false,
    });
  });

  it('rejects a 200 body of the wrong shape naming the field', async () => {
    nockToken();
    nock(SANDBOX)
      .get(`/funding-sources/${FS_ID}`)
      .reply(200, { ...fixtures['fundingSource'], status: 42 });
    const error = (await testClient()
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema())
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error.issues[0]?.path).toBe('status');
  });

  it('a malformed JSON error body still becomes a typed DwollaApiError', async () => {
    nockToken();
    nock(SANDBOX).post('/customers').reply(400, '{"code": "Validat', { 'content-type': HAL });
    const error = (await testClient()
      .create('/customers', {})
      .catch((e: unknown) => e)) as DwollaApiError;
    expect(DwollaApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'HTTP400', status: 400, isRetryable: false });
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    nockToken();
    const delays: number[] = [];
    nock(SANDBOX)
      .get(`/funding-sources/${FS_ID}`)
      .reply(429, fixtures['tooManyRequests'], { 'Retry-After': '0.05' });
    nock(SANDBOX).get(`/funding-sources/${FS_ID}`).reply(200, fixtures['fundingSource']);
    const client = createDwollaClient({
      key: 'k-429-test',
      secret: 's-429-test-secret',
      logger: {
        debug: () => {},
        info: () => {},
        warn: (_message, fields) => delays.push(Number(fields?.['delayMs'])),
        error: () => {},
      },
    });
    const response = await client.get(`/funding-sources/${FS_ID}`, fundingSourceSchema());
    expect(response.data.id).toBe(FS_ID);
    expect(delays).toEqual([50]);
  });

  it('returns a 429 whose Retry-After exceeds maxRetryAfterMs to the caller with retryAfterMs', async () => {
    nockToken();
    nock(SANDBOX)
      .get(`/funding-sources/${FS_ID}`)
      .once()
      .reply(429, fixtures['tooManyRequests'], { 'Retry-After': '300' });
    const error = (await testClient()
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema())
      .catch((e: unknown) => e)) as DwollaApiError;
    expect(error).toMatchObject({
      code: 'TooManyRequests',
      status: 429,
      isRetryable: true,
      retryAfterMs: 300_000,
    });
  });

  it('treats 409 on an idempotent POST as retryable (original still processing)', async () => {
    nockToken();
    nock(SANDBOX).post('/customers').reply(409, { code: 'Conflict', message: 'in progress' });
    nock(SANDBOX)
      .post('/customers')
      .reply(201, '', { Location: `${SANDBOX}/customers/${CUSTOMER_ID}` });
    const created = await testClient().create('/customers', { a: 1 });
    expect(created.id).toBe(CUSTOMER_ID);
  });

  it('a 201 without Location is a failure, never a success without an id', async () => {
    nockToken();
    nock(SANDBOX).post('/customers').reply(201, '');
    const error = (await testClient()
      .create('/customers', {})
      .catch((e: unknown) => e)) as ResponseValidationError;
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect(error.issues[0]?.path).toBe('headers.location');
  });

  it('re-roots official-host HAL links on a custom baseUrl and refuses foreign hosts', async () => {
    const client = testClient({ baseUrl: 'http://127.0.0.1:9/dwolla/' });
    expect(client.baseUrl).toBe('http://127.0.0.1:9/dwolla');
    expect(client.resolveUrl(`${SANDBOX}/funding-sources/${FS_ID}`)).toBe(
      `http://127.0.0.1:9/dwolla/funding-sources/${FS_ID}`,
    );
    expect(client.resolveUrl('http://127.0.0.1:9/dwolla/customers')).toBe(
      'http://127.0.0.1:9/dwolla/customers',
    );
    expect(() => client.resolveUrl('https://evil.example.com/customers')).toThrow(ConfigError);
    expect(() => testClient().resolveUrl('https://api.dwolla.com/customers')).toThrow(
      /not this client's Dwolla host/,
    );
  });

  it('an abort stops a pending retry at once', async () => {
    nockToken();
    nock(SANDBOX).get(`/funding-sources/${FS_ID}`).reply(503, 'down', { 'Retry-After': '30' });
    const controller = new AbortController();
    const pending = testClient({ maxRetryAfterMs: 60_000 })
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema(), { signal: controller.signal })
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    const error = await pending;
    expect(NetworkError.isInstance(error) && error.reason === 'aborted').toBe(true);
  });

  it('never puts the secret or bearer token in errors', async () => {
    nockToken('bearer-secret-shaped-77');
    nock(SANDBOX)
      .get(`/funding-sources/${FS_ID}`)
      .reply(400, {
        code: 'ValidationError',
        message: `echo bearer-secret-shaped-77 and ${TEST_SECRET}`,
        _embedded: { errors: [{ code: 'Invalid', message: `echo ${TEST_SECRET}`, path: '/name' }] },
      });
    const error = await testClient()
      .get(`/funding-sources/${FS_ID}`, fundingSourceSchema())
      .catch((e: unknown) => e);
    const apiError = error as DwollaApiError;
    const views = [String(error), JSON.stringify(error), apiError.stack ?? '', apiError.dwollaMessage];
    views.push(...apiError.embeddedErrors.map((embedded) => embedded.message));
    expect(apiError.embeddedErrors).toHaveLength(1);
    for (const view of views) {
      expect(view).not.toContain('bearer-secret-shaped-77');
      expect(view).not.toContain(TEST_SECRET);
    }
  });

  it('construction does not need credentials; the first call names the missing setting', async () => {
    const saved = { key: process.env['DWOLLA_KEY'], secret: process.env['DWOLLA_SECRET'] };
    delete process.env['DWOLLA_KEY'];
    delete process.env['DWOLLA_SECRET'];
    try {
      const client = createDwollaClient({ environment: 'sandbox' });
      const error = await client.get('/customers', anyBody).catch((e: unknown) => e);
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/DWOLLA_KEY/);
    } finally {
      if (saved.key !== undefined) process.env['DWOLLA_KEY'] = saved.key;
      if (saved.secret !== undefined) process.env['DWOLLA_SECRET'] = saved.secret;
    }
  });

  it('reads DWOLLA_KEY / DWOLLA_SECRET from the environment at the first call', async () => {
    const saved = { key: process.env['DWOLLA_KEY'], secret: process.env['DWOLLA_SECRET'] };
    const client = createDwollaClient();
    process.env['DWOLLA_KEY'] = 'env-key-1';
    process.env['DWOLLA_SECRET'] = 'env-secret-1';
    try {
      nock(SANDBOX, {
        reqheaders: { authorization: `Basic ${Buffer.from('env-key-1:env-secret-1').toString('base64')}` },
      })
        .post('/token')
        .reply(200, { access_token: 'bearer-env-0001', token_type: 'bearer', expires_in: 3600 });
      nock(SANDBOX).get('/exchange-partners').reply(200, fixtures['exchangePartners']);
      const response = await client.get('/exchange-partners', anyBody);
      expect(response.status).toBe(200);
    } finally {
      for (const [name, value] of [
        ['DWOLLA_KEY', saved.key],
        ['DWOLLA_SECRET', saved.secret],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('validates settings: development is a ConfigError quoting the pairing rule, bad fields are named', () => {
    expect(() => createDwollaClient({ environment: 'development' as never })).toThrow(
      /not compatible with the Plaid Development environment/,
    );
    const error = (() => {
      try {
        createDwollaClient({ baseUrl: 'not a url' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(InputValidationError.isInstance(error) && error.field).toBe('baseUrl');
    expect(() => createDwollaClient({ maxRetries: -1 })).toThrow(/maxRetries/);
  });

  it('validates call arguments before any request', async () => {
    const client = testClient();
    await expect(client.get('', anyBody)).rejects.toBeInstanceOf(InputValidationError);
    await expect(client.create('/customers', 'nope' as never)).rejects.toMatchObject({
      name: 'InputValidationError',
    });
    await expect(
      client.post('/customers', {}, anyBody, { idempotencyKey: 'has space' }),
    ).rejects.toMatchObject({
      field: 'idempotencyKey',
    });
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost, rawRequest } from '../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';

const GET_BY_ID = { institution_id: 'ins_109508', country_codes: ['US'] };

describe('faults', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  it('status: answers the provider’s error body for the status, with Retry-After', async () => {
    await emulator.control.addFault({
      method: 'POST',
      path: '/plaid/institutions/get_by_id',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 7,
    });
    const limited = await rawRequest(`${emulator.plaid.baseUrl}/institutions/get_by_id`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'plaid-client-id': emulator.plaid.clientId,
        'plaid-secret': emulator.plaid.secret,
      },
      body: JSON.stringify(GET_BY_ID),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    const body = JSON.parse(limited.text);
    expect(body).toMatchObject({
      error_type: 'RATE_LIMIT_EXCEEDED',
      error_code: 'RATE_LIMIT',
      display_message: null,
    });
    expect(body.request_id).toBe(limited.headers['x-request-id']);
    // Only the next request was affected.
    expect((await plaidPost(emulator, '/institutions/get_by_id', GET_BY_ID)).status).toBe(200);
  });

  it('status: 500 and 503 map to Plaid API errors and the write is not applied', async () => {
    await emulator.control.addFault({
      path: '/plaid/sandbox/public_token/create',
      kind: 'status',
      status: 500,
    });
    await emulator.control.addFault({ path: '/plaid/institutions/get', kind: 'status', status: 503 });
    const failed = await plaidPost(emulator, '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
    });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ error_type: 'API_ERROR', error_code: 'INTERNAL_SERVER_ERROR' });
    const maintenance = await plaidPost(emulator, '/institutions/get', {
      count: 1,
      offset: 0,
      country_codes: ['US'],
    });
    expect(maintenance.body).toMatchObject({ error_type: 'API_ERROR', error_code: 'PLANNED_MAINTENANCE' });
    expect((await emulator.control.state()).plaid['counts']).toMatchObject({ items: 0 });
  });

  it('status with html: answers an HTML page like a proxy 503', async () => {
    await emulator.control.addFault({
      path: '/plaid/institutions/get_by_id',
      kind: 'status',
      status: 503,
      html: true,
    });
    const answer = await rawRequest(`${emulator.plaid.baseUrl}/institutions/get_by_id`, {
      method: 'POST',
      body: '{}',
    });
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.text).toContain('<h1>503 Service Unavailable</h1>');
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('delay: the request is held, then handled normally', async () => {
    await emulator.control.addFault({ path: '/plaid/institutions/get_by_id', kind: 'delay', delayMs: 20 });
    const answer = await plaidPost(emulator, '/institutions/get_by_id', GET_BY_ID);
    expect(answer.status).toBe(200);
    expect((answer.body['institution'] as Record<string, unknown>)['name']).toBe('First Platypus Bank');
    expect(await emulator.control.faults()).toEqual([]);
  });

  it('delay: a held request is dropped when the emulator closes', async () => {
    const other = await startEmulator();
    await other.control.addFault({ path: '/plaid/**', kind: 'delay', delayMs: 600_000 });
    const pending = plaidPost(other, '/institutions/get_by_id', GET_BY_ID);
    await expect.poll(async () => (await other.control.state()).faults.length).toBe(0);
    await other.close();
    await expect(pending).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('drop: destroys the connection without an answer and without applying the request', async () => {
    await emulator.control.addFault({ path: '/plaid/sandbox/public_token/create', kind: 'drop' });
    await expect(
      plaidPost(emulator, '/sandbox/public_token/create', {
        institution_id: 'ins_109508',
        initial_products: ['auth'],
      }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await emulator.control.state()).plaid['counts']).toMatchObject({ items: 0 });
  });

  it('malformed: answers 200 with a truncated JSON body', async () => {
    await emulator.control.addFault({ path: '/plaid/institutions/get_by_id', kind: 'malformed' });
    const answer = await rawRequest(`${emulator.plaid.baseUrl}/institutions/get_by_id`, {
      method: 'POST',
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['x-request-id']).toBeDefined();
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
  });

  it('lost_response: applies the write, then drops the connection; state shows the write', async () => {
    await emulator.control.addFault({ path: '/plaid/sandbox/public_token/create', kind: 'lost_response' });
    await expect(
      plaidPost(emulator, '/sandbox/public_token/create', {
        institution_id: 'ins_109508',
        initial_products: ['auth'],
      }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    const state = await emulator.control.state();
    expect(state.plaid['counts']).toMatchObject({ items: 1, publicTokens: 1 });
  });

  it('lost_response on an exchange: the access token exists although the caller never saw it', async () => {
    const created = await plaidPost(emulator, '/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
    });
    await emulator.control.addFault({ path: '/plaid/item/public_token/exchange', kind: 'lost_response' });
    await expect(
      plaidPost(emulator, '/item/public_token/exchange', { public_token: created.body['public_token'] }),
    ).rejects.toThrow();
    const items = (await emulator.control.state()).plaid['items'] as Array<Record<string, unknown>>;
    expect(items[0]).toMatchObject({ exchanged: true });
    const retry = await plaidPost(emulator, '/item/public_token/exchange', {
      public_token: created.body['public_token'],
    });
    expect(retry.body['error_code']).toBe('INVALID_PUBLIC_TOKEN');
  });

  it('every: k applies the fault to every k-th matching request (load tests)', async () => {
    await emulator.control.addFault({ path: '/plaid/institutions/*', kind: 'status', status: 500, every: 3 });
    const statuses: number[] = [];
    for (let index = 0; index < 7; index += 1) {
      statuses.push((await plaidPost(emulator, '/institutions/get_by_id', GET_BY_ID)).status);
    }
    expect(statuses).toEqual([200, 200, 500, 200, 200, 500, 200]);
    expect((await emulator.control.faults())[0]).toMatchObject({ matched: 7, applied: 2 });
  });

  it('matches on method and on a * glob over the full path, including other providers', async () => {
    await emulator.control.addFault({ method: 'GET', path: '/plaid/**', kind: 'status', status: 500 });
    expect((await plaidPost(emulator, '/institutions/get_by_id', GET_BY_ID)).status).toBe(200);
    await emulator.control.clearFaults();
    await emulator.control.addFault({
      path: '/dwolla/customers/*/funding-sources',
      kind: 'status',
      status: 503,
    });
    const dwolla = await rawRequest(
      `${emulator.dwolla.baseUrl}/customers/0b2f0d0e-1111-4c2b-9f0a-1e2d3c4b5a69/funding-sources`,
    );
    expect(dwolla.status).toBe(503);
    await emulator.control.addFault({ path: '/v1/customers', kind: 'status', status: 500 });
    const stripe = await rawRequest(`${emulator.url}/v1/customers`, {
      headers: { authorization: `Bearer ${emulator.stripe.secretKey}` },
    });
    expect(stripe.status).toBe(500);
    expect(JSON.parse(stripe.text)).toHaveProperty('error');
  });

  it('the control API is never subject to faults', async () => {
    await emulator.control.addFault({ path: '/**', kind: 'drop', times: 100 });
    expect((await emulator.control.clock()).offsetMs).toBe(0);
    await expect(plaidPost(emulator, '/institutions/get_by_id', GET_BY_ID)).rejects.toThrow();
  });

  it('sets up a linked Item while faults elsewhere stay untouched', async () => {
    await emulator.control.addFault({ path: '/plaid/auth/get', kind: 'status', status: 500, times: 1 });
    const { accessToken } = await linkSandboxItem(emulator);
    expect((await plaidPost(emulator, '/auth/get', { access_token: accessToken })).status).toBe(500);
    expect((await plaidPost(emulator, '/auth/get', { access_token: accessToken })).status).toBe(200);
  });
});

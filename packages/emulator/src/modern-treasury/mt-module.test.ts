import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mtCall, mtProcessorToken } from '../../test/mt.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import { MT_PAYMENT_TIMELINE } from './mt-payment-lifecycle.js';
import { SANDBOX_INTERNAL_ACCOUNT_ID } from './mt-state.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  await emulator.control.reset();
});

type Json = Record<string, unknown>;

async function counterparty(name = 'Jane Doe'): Promise<string> {
  const created = await mtCall(emulator, 'POST', '/api/counterparties', { body: { name } });
  expect(created.status).toBe(201);
  return (created.body as Json)['id'] as string;
}

async function externalAccountFromPlaid(counterpartyId: string): Promise<Json> {
  const { token } = await mtProcessorToken(emulator);
  const created = await mtCall(emulator, 'POST', '/api/external_accounts', {
    body: { counterparty_id: counterpartyId, plaid_processor_token: token },
  });
  expect(created.status).toBe(201);
  return created.body as Json;
}

async function accountWithNumber(counterpartyId: string, accountNumber: string): Promise<string> {
  const created = await mtCall(emulator, 'POST', '/api/external_accounts', {
    body: {
      counterparty_id: counterpartyId,
      account_type: 'checking',
      account_details: [{ account_number: accountNumber }],
      routing_details: [{ routing_number: '121141822', routing_number_type: 'aba' }],
    },
  });
  expect(created.status).toBe(201);
  return (created.body as Json)['id'] as string;
}

async function debit(receivingAccountId: string, idempotencyKey?: string): Promise<Json> {
  const created = await mtCall(emulator, 'POST', '/api/payment_orders', {
    body: {
      type: 'ach',
      direction: 'debit',
      amount: 1099,
      originating_account_id: SANDBOX_INTERNAL_ACCOUNT_ID,
      receiving_account_id: receivingAccountId,
    },
    ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
  });
  expect(created.status).toBe(201);
  return created.body as Json;
}

async function statusOf(id: string): Promise<string> {
  const read = await mtCall(emulator, 'GET', `/api/payment_orders/${id}`);
  expect(read.status).toBe(200);
  return (read.body as Json)['status'] as string;
}

describe('emulated Modern Treasury: authentication', () => {
  it('answers 401 in the errors format without Basic credentials or with a wrong key', async () => {
    for (const authorization of ['', 'Bearer x', `Basic ${Buffer.from('org:nope').toString('base64')}`]) {
      const answer = await mtCall(emulator, 'GET', '/api/ping', { authorization });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        errors: { code: 'unauthorized', message: expect.any(String), parameter: null },
      });
    }
    expect((await mtCall(emulator, 'GET', '/api/ping')).body).toEqual({ ping: 'pong' });
  });

  it('keeps sandbox and production objects apart (live_mode follows the API key)', async () => {
    const id = await counterparty();
    const live = await mtCall(emulator, 'GET', `/api/counterparties/${id}`, {
      apiKey: emulator.modernTreasury.liveApiKey,
    });
    expect(live.status).toBe(404);
    expect(live.body).toEqual({
      errors: { code: 'resource_not_found', message: 'Resource not found', parameter: 'id' },
    });
    const sandbox = await mtCall(emulator, 'GET', `/api/counterparties/${id}`);
    expect((sandbox.body as Json)['live_mode']).toBe(false);
  });
});

describe('emulated Modern Treasury: external accounts from a Plaid processor token', () => {
  it('creates a verified external account with the bank details Plaid holds', async () => {
    const id = await counterparty();
    const account = await externalAccountFromPlaid(id);
    expect(account).toMatchObject({
      object: 'external_account',
      counterparty_id: id,
      account_type: 'checking',
      verification_source: 'plaid',
      verification_status: 'verified',
      live_mode: false,
      party_name: 'Jane Doe',
    });
    const [detail] = account['account_details'] as Json[];
    expect(detail?.['account_number_safe']).toMatch(/^\d{4}$/);
  });

  it('claims a processor token once: a second use is a 422 on plaid_processor_token', async () => {
    const id = await counterparty();
    const { token } = await mtProcessorToken(emulator);
    const first = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: { counterparty_id: id, plaid_processor_token: token },
    });
    expect(first.status).toBe(201);
    const second = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: { counterparty_id: id, plaid_processor_token: token },
    });
    expect(second.status).toBe(422);
    expect(second.body).toEqual({
      errors: {
        code: 'parameter_invalid',
        message: 'The Plaid processor token has already been used',
        parameter: 'plaid_processor_token',
      },
    });
  });

  it('refuses a token minted for another processor or unknown, and a token of a removed Item', async () => {
    const id = await counterparty();
    const unknown = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: { counterparty_id: id, plaid_processor_token: 'processor-sandbox-unknown' },
    });
    expect(unknown.status).toBe(422);
    expect((unknown.body as { errors: Json }).errors['parameter']).toBe('plaid_processor_token');

    const { token, accessToken } = await mtProcessorToken(emulator);
    await fetch(`${emulator.plaid.baseUrl}/item/remove`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: emulator.plaid.clientId,
        secret: emulator.plaid.secret,
        access_token: accessToken,
      }),
    });
    const revoked = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: { counterparty_id: id, plaid_processor_token: token },
    });
    expect(revoked.status).toBe(422);
  });

  it('creates a counterparty with accounts[].plaid_processor_token, as the Plaid guide shows', async () => {
    const { token } = await mtProcessorToken(emulator);
    const created = await mtCall(emulator, 'POST', '/api/counterparties', {
      body: { name: 'Jane Doe', accounts: [{ plaid_processor_token: token }] },
    });
    expect(created.status).toBe(201);
    const accounts = (created.body as Json)['accounts'] as Json[];
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ verification_source: 'plaid', verification_status: 'verified' });
  });

  it('a counterparty whose account fails leaves nothing behind', async () => {
    const created = await mtCall(emulator, 'POST', '/api/counterparties', {
      body: { name: 'Jane Doe', accounts: [{ plaid_processor_token: 'processor-sandbox-nope' }] },
    });
    expect(created.status).toBe(422);
    expect((created.body as { errors: Json }).errors['parameter']).toBe('accounts[0].plaid_processor_token');
    const list = await mtCall(emulator, 'GET', '/api/counterparties');
    expect(list.body).toEqual([]);
  });

  it('external_id is unique: a second account with it is a 422; the list filter finds the first', async () => {
    const id = await counterparty();
    const body = {
      counterparty_id: id,
      external_id: 'link-1',
      account_details: [{ account_number: '123456789' }],
      routing_details: [{ routing_number: '121141822' }],
    };
    expect((await mtCall(emulator, 'POST', '/api/external_accounts', { body })).status).toBe(201);
    const again = await mtCall(emulator, 'POST', '/api/external_accounts', { body });
    expect(again.status).toBe(422);
    expect((again.body as { errors: Json }).errors['parameter']).toBe('external_id');
    const found = await mtCall(emulator, 'GET', '/api/external_accounts?external_id=link-1');
    expect((found.body as Json[]).map((account) => account['external_id'])).toEqual(['link-1']);
  });

  it('validates with parameter_missing and parameter_invalid naming the field', async () => {
    const missing = await mtCall(emulator, 'POST', '/api/counterparties', { body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({
      errors: { code: 'parameter_missing', message: 'name is missing', parameter: 'name' },
    });
    const badAccount = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: { counterparty_id: 'nope', plaid_processor_token: 'x' },
    });
    expect((badAccount.body as { errors: Json }).errors['parameter']).toBe('counterparty_id');
    const notJson = await mtCall(emulator, 'POST', '/api/counterparties', { body: [1, 2] });
    expect(notJson.status).toBe(400);
  });
});

describe('emulated Modern Treasury: payment orders on the emulated clock', () => {
  it('moves approved → processing → sent → completed', async () => {
    const account = await externalAccountFromPlaid(await counterparty());
    const order = await debit(account['id'] as string);
    expect(order).toMatchObject({
      object: 'payment_order',
      type: 'ach',
      direction: 'debit',
      amount: 1099,
      currency: 'USD',
      status: 'approved',
      current_return: null,
    });
    const id = order['id'] as string;
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.processingAfterMs);
    expect(await statusOf(id)).toBe('processing');
    await emulator.control.advanceClock(
      MT_PAYMENT_TIMELINE.sentAfterMs - MT_PAYMENT_TIMELINE.processingAfterMs,
    );
    expect(await statusOf(id)).toBe('sent');
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.completedAfterMs);
    expect(await statusOf(id)).toBe('completed');
  });

  it('returns to an account number 100XX with code RXX after completing; 11111111… fails', async () => {
    const id = await counterparty();
    const returned = await debit(await accountWithNumber(id, '10001'));
    const failed = await debit(await accountWithNumber(id, '1111111110'));
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.sentAfterMs);
    expect(await statusOf(failed['id'] as string)).toBe('failed');
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.completedAfterMs);
    expect(await statusOf(returned['id'] as string)).toBe('completed');
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.returnedAfterMs);
    const read = await mtCall(emulator, 'GET', `/api/payment_orders/${returned['id']}`);
    expect(read.body).toMatchObject({
      status: 'returned',
      current_return: { code: 'R01', reason: 'Insufficient Funds', returnable_id: returned['id'] },
    });
    const returns = await mtCall(emulator, 'GET', `/api/returns?returnable_id=${returned['id']}`);
    expect((returns.body as Json[]).map((item) => item['code'])).toEqual(['R01']);
  });

  it('the control API returns a sent payment order with a given code, and refuses an approved one', async () => {
    const account = await externalAccountFromPlaid(await counterparty());
    const order = await debit(account['id'] as string);
    const early = await emulator.control
      .request('POST', `/__emulator/modern-treasury/payment-orders/${order['id']}/return`, { code: 'R10' })
      .catch((error: unknown) => error);
    expect(early).toBeInstanceOf(Error);
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.sentAfterMs);
    await emulator.control.request(
      'POST',
      `/__emulator/modern-treasury/payment-orders/${order['id']}/return`,
      {
        code: 'R10',
      },
    );
    const read = await mtCall(emulator, 'GET', `/api/payment_orders/${order['id']}`);
    expect(read.body).toMatchObject({ status: 'returned', current_return: { code: 'R10' } });
  });

  it('refuses bad payment orders naming the field', async () => {
    const account = await externalAccountFromPlaid(await counterparty());
    const cases: [Json, string][] = [
      [{ direction: 'debit', amount: 1, originating_account_id: SANDBOX_INTERNAL_ACCOUNT_ID }, 'type'],
      [{ type: 'ach', direction: 'sideways' }, 'direction'],
      [{ type: 'ach', direction: 'debit', amount: 10.5 }, 'amount'],
      [
        { type: 'ach', direction: 'debit', amount: 100, originating_account_id: 'nope' },
        'originating_account_id',
      ],
      [
        {
          type: 'ach',
          direction: 'debit',
          amount: 100,
          originating_account_id: SANDBOX_INTERNAL_ACCOUNT_ID,
          receiving_account_id: 'nope',
        },
        'receiving_account_id',
      ],
    ];
    for (const [body, parameter] of cases) {
      const answer = await mtCall(emulator, 'POST', '/api/payment_orders', { body });
      expect(answer.status).toBe(422);
      expect((answer.body as { errors: Json }).errors['parameter']).toBe(parameter);
    }
    expect(account['id']).toEqual(expect.any(String));
  });

  it('lists page by page with X-After-Cursor', async () => {
    for (const name of ['A', 'B', 'C']) await counterparty(name);
    const first = await mtCall(emulator, 'GET', '/api/counterparties?per_page=2');
    expect((first.body as Json[]).map((item) => item['name'])).toEqual(['A', 'B']);
    const cursor = first.headers.get('x-after-cursor');
    expect(cursor).toEqual(expect.any(String));
    const second = await mtCall(emulator, 'GET', `/api/counterparties?per_page=2&after_cursor=${cursor}`);
    expect((second.body as Json[]).map((item) => item['name'])).toEqual(['C']);
    expect(second.headers.get('x-after-cursor')).toBeNull();
  });
});

describe('emulated Modern Treasury: idempotency (Idempotent Requests)', () => {
  it('echoes the original answer for a reused key, whatever the route or body', async () => {
    const account = await externalAccountFromPlaid(await counterparty());
    const first = await debit(account['id'] as string, 'order-1');
    const second = await debit(account['id'] as string, 'order-1');
    expect(second['id']).toBe(first['id']);
    const otherRoute = await mtCall(emulator, 'POST', '/api/counterparties', {
      body: { name: 'Someone Else' },
      idempotencyKey: 'order-1',
    });
    expect((otherRoute.body as Json)['id']).toBe(first['id']);
    const orders = await mtCall(emulator, 'GET', '/api/payment_orders');
    expect(orders.body).toHaveLength(1);
  });

  it('keeps keys 24 emulated hours, saves only successes, and scopes keys to the API key', async () => {
    const account = await externalAccountFromPlaid(await counterparty());
    const failed = await mtCall(emulator, 'POST', '/api/payment_orders', {
      body: { type: 'ach' },
      idempotencyKey: 'k',
    });
    expect(failed.status).toBe(422);
    const first = await debit(account['id'] as string, 'k');
    await emulator.control.advanceClock(24 * 60 * 60 * 1000 - 60_000);
    expect((await debit(account['id'] as string, 'k'))['id']).toBe(first['id']);
    await emulator.control.advanceClock(60_000);
    expect((await debit(account['id'] as string, 'k'))['id']).not.toBe(first['id']);
    const live = await mtCall(emulator, 'POST', '/api/counterparties', {
      body: { name: 'Live' },
      idempotencyKey: 'k',
      apiKey: emulator.modernTreasury.liveApiKey,
    });
    expect(live.body).toMatchObject({ object: 'counterparty', live_mode: true });
  });
});

describe('emulated Modern Treasury: faults', () => {
  it('answers an injected status in its error format, with Retry-After, or as an HTML page', async () => {
    await emulator.control.addFault({
      path: '/modern-treasury/api/payment_orders',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 2,
    });
    const limited = await mtCall(emulator, 'POST', '/api/payment_orders', { body: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toEqual({
      errors: { code: 'rate_limit_exceeded', message: expect.any(String), parameter: null },
    });
    await emulator.control.addFault({
      path: '/modern-treasury/api/counterparties',
      kind: 'status',
      status: 502,
      html: true,
    });
    const html = await mtCall(emulator, 'GET', '/api/counterparties');
    expect(html.status).toBe(502);
    expect(String(html.body)).toContain('502 Bad Gateway');
    expect((await mtCall(emulator, 'GET', '/api/counterparties')).status).toBe(200);
  });

  it('answers unknown routes 404 in its error format, never a 5xx', async () => {
    const answer = await mtCall(emulator, 'GET', '/api/nothing_here');
    expect(answer.status).toBe(404);
    expect((answer.body as { errors: Json }).errors['code']).toBe('resource_not_found');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost, rawRequest } from '../test/emulator.test-helpers.js';
import { mtCall } from '../test/mt.test-helpers.js';
import { startTestReceiver } from '../test/webhook-receiver.test-helpers.js';
import { EmulatorInputError } from './emulator-errors.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';
import { decodeState, encodeState, restoreInto } from './state-codec.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const folders: string[] = [];
const running: RunningEmulator[] = [];

function tempFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  folders.push(folder);
  return join(folder, 'nested', 'emulator-state.json');
}

async function start(stateFile: string): Promise<RunningEmulator> {
  const emulator = await startEmulator({ stateFile });
  running.push(emulator);
  return emulator;
}

async function stripePost(emulator: RunningEmulator, path: string, form: Record<string, string>) {
  const answer = await rawRequest(`${emulator.url}/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${emulator.stripe.secretKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}

async function stripeGet(emulator: RunningEmulator, path: string) {
  const answer = await rawRequest(`${emulator.url}/v1${path}`, {
    headers: { authorization: `Bearer ${emulator.stripe.secretKey}` },
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}

async function dwollaToken(emulator: RunningEmulator): Promise<string> {
  const basic = Buffer.from(`${emulator.dwolla.key}:${emulator.dwolla.secret}`).toString('base64');
  const answer = await rawRequest(`${emulator.dwolla.baseUrl}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return String((JSON.parse(answer.text) as Record<string, unknown>)['access_token']);
}

async function dwolla(
  emulator: RunningEmulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const answer = await rawRequest(`${emulator.dwolla.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.dwolla.v1.hal+json',
      'content-type': 'application/vnd.dwolla.v1.hal+json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, headers: answer.headers, text: answer.text };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('state codec', () => {
  it('round-trips Maps, Sets and Buffers and restores into live objects in place', () => {
    const live = { items: new Map<string, unknown>(), used: new Set<string>(), list: [1], count: 0 };
    const sameMap = live.items;
    const text = encodeState({
      items: new Map([['a', { raw: Buffer.from('bytes') }]]),
      used: new Set(['x']),
      list: [2, 3],
      count: 7,
    });
    restoreInto(live, decodeState(text));
    expect(live.items).toBe(sameMap);
    expect((live.items.get('a') as { raw: Buffer }).raw.toString()).toBe('bytes');
    expect([...live.used]).toEqual(['x']);
    expect(live.list).toEqual([2, 3]);
    expect(live.count).toBe(7);
  });
});

describe('startEmulator({ stateFile })', () => {
  it('keeps Items, Stripe objects, Dwolla customers and the clock across a restart, without access tokens in the file', async () => {
    const stateFile = tempFile();
    const first = await start(stateFile);
    const { accessToken, itemId } = await linkSandboxItem(first);
    const accounts = await plaidPost(first, '/accounts/get', { access_token: accessToken });
    const accountId = String((accounts.body['accounts'] as Array<{ account_id: string }>)[0]?.account_id);
    const btok = await plaidPost(first, '/processor/stripe/bank_account_token/create', {
      access_token: accessToken,
      account_id: accountId,
    });
    const customer = await stripePost(first, '/customers', {
      email: 'state@example.com',
      source: String(btok.body['stripe_bank_account_token']),
    });
    expect(customer.status).toBe(200);
    const customerId = String(customer.body['id']);
    const token = await dwollaToken(first);
    const dwollaCustomer = await dwolla(first, token, 'POST', '/customers', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      type: 'receive-only',
    });
    expect(dwollaCustomer.status).toBe(201);
    const location = String(dwollaCustomer.headers['location']);
    await first.control.advanceClock(2 * DAY_MS);
    await first.close();

    const text = readFileSync(stateFile, 'utf8');
    expect(text).toContain(itemId);
    expect(text).not.toContain('access-sandbox-');
    expect(text).not.toContain(accessToken.slice('access-sandbox-'.length));
    expect(text).not.toContain(token);

    const second = await start(stateFile);
    const again = await plaidPost(second, '/accounts/get', { access_token: accessToken });
    expect(again.status).toBe(200);
    expect((again.body['item'] as { item_id: string }).item_id).toBe(itemId);
    const readCustomer = await stripeGet(second, `/customers/${customerId}`);
    expect(readCustomer.status).toBe(200);
    expect(readCustomer.body['email']).toBe('state@example.com');
    // The old Dwolla bearer token is gone (clients fetch a new one); the customer is not.
    expect(
      (await dwolla(second, token, 'GET', new URL(location).pathname.replace('/dwolla', ''))).status,
    ).toBe(401);
    const newToken = await dwollaToken(second);
    const readDwolla = await dwolla(
      second,
      newToken,
      'GET',
      new URL(location).pathname.replace('/dwolla', ''),
    );
    expect(readDwolla.status).toBe(200);
    expect(JSON.parse(readDwolla.text)).toMatchObject({ email: 'ada@example.com' });
    expect((await second.control.clock()).offsetMs).toBe(2 * DAY_MS);
  });

  it('keeps Modern Treasury counterparties and idempotent answers across a restart (declared state)', async () => {
    const stateFile = tempFile();
    const first = await start(stateFile);
    const created = await mtCall(first, 'POST', '/api/counterparties', {
      body: { name: 'Persisted Co' },
      idempotencyKey: 'persist-1',
    });
    expect(created.status).toBe(201);
    const id = String((created.body as { id: string }).id);
    await first.close();

    const second = await start(stateFile);
    const read = await mtCall(second, 'GET', `/api/counterparties/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, name: 'Persisted Co' });
    const replayed = await mtCall(second, 'POST', '/api/counterparties', {
      body: { name: 'Persisted Co' },
      idempotencyKey: 'persist-1',
    });
    expect(replayed.body).toEqual(created.body);
    const internal = await mtCall(second, 'GET', '/api/internal_accounts');
    expect(internal.status).toBe(200);
    expect((internal.body as unknown[]).length).toBeGreaterThan(0);
  });

  it('starts empty without a file, writes one after a change, and forgets everything after a reset', async () => {
    const stateFile = tempFile();
    const first = await start(stateFile);
    const { accessToken } = await linkSandboxItem(first);
    await first.control.reset();
    await first.close();
    const second = await start(stateFile);
    const answer = await plaidPost(second, '/accounts/get', { access_token: accessToken });
    expect(answer.status).toBe(400);
    expect(answer.body['error_code']).toBe('INVALID_ACCESS_TOKEN');
  });

  it('refuses a file that is not an emulator state file, naming the option and keeping the file', async () => {
    const stateFile = tempFile();
    const first = await start(stateFile);
    await linkSandboxItem(first);
    await first.close();
    writeFileSync(stateFile, '{"version": 99}');
    await expect(startEmulator({ stateFile })).rejects.toThrow(EmulatorInputError);
    await expect(startEmulator({ stateFile })).rejects.toThrow(/stateFile: .*version 1/);
    writeFileSync(stateFile, 'not json');
    await expect(startEmulator({ stateFile })).rejects.toThrow(/stateFile: .*not an emulator state file/);
    expect(readFileSync(stateFile, 'utf8')).toBe('not json');
    await expect(startEmulator({ stateFile: ' ' })).rejects.toThrow(/stateFile: must be a file path/);
  });
  it('does not announce a Stripe PaymentIntent again after a restart; new ones are announced once', async () => {
    // Stripe sends each event once per endpoint; a restarted emulator that forgot which statuses it had
    // announced would send payment_intent.created again for every saved PaymentIntent.
    const stateFile = tempFile();
    const receivers = [await startTestReceiver(), await startTestReceiver()];
    try {
      const first = await start(stateFile);
      await stripePost(first, '/webhook_endpoints', {
        url: receivers[0]?.url ?? '',
        'enabled_events[0]': '*',
      });
      const customer = await stripePost(first, '/customers', { email: 'seen@example.com' });
      const intent = (customer: string) =>
        ({
          amount: '1099',
          currency: 'usd',
          customer,
          'allowed_payment_method_types[0]': 'us_bank_account',
        }) as Record<string, string>;
      const old = await stripePost(first, '/payment_intents', intent(String(customer.body['id'])));
      expect(old.status).toBe(200);
      const [announced] = (await receivers[0]?.waitFor(1)) ?? [];
      expect(JSON.parse(String(announced?.body))).toMatchObject({
        type: 'payment_intent.created',
        data: { object: { id: old.body['id'] } },
      });
      await first.close();

      const second = await start(stateFile);
      await stripePost(second, '/webhook_endpoints', {
        url: receivers[1]?.url ?? '',
        'enabled_events[0]': '*',
      });
      expect((await stripeGet(second, `/payment_intents/${String(old.body['id'])}`)).status).toBe(200);
      const fresh = await stripePost(second, '/payment_intents', intent(String(customer.body['id'])));
      const received = (await receivers[1]?.waitFor(1)) ?? [];
      const state = await second.control.state();
      expect((state.stripe['webhookDeliveries'] as unknown[]).length).toBe(1);
      expect(received.map((request) => JSON.parse(String(request.body)).data.object.id)).toEqual([
        fresh.body['id'],
      ]);
    } finally {
      for (const receiver of receivers) await receiver.close();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { createStore, type Store } from '@achbridge/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMtHarness, linkedChecking } from '../test/mt-emulator.test-helpers.js';

let emulator: RunningEmulator;
let store: Store;

beforeAll(async () => {
  emulator = await startEmulator();
  store = createStore({
    database: { memory: true },
    encryptionKeys: [{ id: 'k1', key: randomBytes(32).toString('base64') }],
    pollMs: 5,
  });
  // The embedded Postgres (PGlite, WASM) takes seconds to start on a busy machine.
  await store.ready();
}, 180_000);
afterAll(async () => {
  await Promise.all([emulator.close(), store.close()]);
});

describe('Modern Treasury adapter with the durable store', () => {
  it('two adapters (two processes) link once, and a payment key reused 25 hours later never debits twice', async () => {
    const first = createMtHarness(emulator, { store });
    const second = createMtHarness(emulator, { store });
    const counterparty = await first.adapter.createCounterparty({
      name: 'Stored',
      externalId: 'customer-42',
    });
    const again = await second.adapter.createCounterparty({ name: 'Stored', externalId: 'customer-42' });
    expect(again).toMatchObject({ id: counterparty.id, created: false });
    const item = await linkedChecking(first.plaid);
    const input = { accessToken: item.accessToken, accountId: item.accountId, counterparty: counterparty.id };
    const [a, b] = await Promise.all([first.adapter.link(input), second.adapter.link(input)]);
    expect(a.externalAccount.id).toBe(b.externalAccount.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await first.adapter.listExternalAccounts(counterparty.id)).toHaveLength(1);

    const [internal] = await first.adapter.listInternalAccounts();
    const debit = {
      externalAccountId: a.externalAccount.id,
      originatingAccountId: internal?.id ?? '',
      amount: 4200,
      idempotencyKey: 'order-42',
    };
    const order = await first.adapter.createAchDebit(debit);
    // Modern Treasury forgets idempotency keys after 24 hours; the store does not.
    await emulator.control.advanceClock(25 * 60 * 60 * 1000);
    const later = await second.adapter.createAchDebit(debit);
    expect(later.id).toBe(order.id);
    const state = (await emulator.control.request('GET', '/__emulator/state')) as Record<
      string,
      { paymentOrders: number }
    >;
    expect(state['modern-treasury']?.paymentOrders).toBe(1);
    expect((await first.adapter.getPaymentOrder(order.id)).status).toBe('completed');
  });
});

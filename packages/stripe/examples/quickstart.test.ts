import { readFileSync } from 'node:fs';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_API_VERSION, stripeCounts } from '../test/emulator-harness.test-helpers.js';
import { quickstart } from './quickstart.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./quickstart.ts', import.meta.url), 'utf8');

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

function settings() {
  return [
    { baseUrl: emulator.plaid.baseUrl, clientId: emulator.plaid.clientId, secret: emulator.plaid.secret },
    {
      secretKey: emulator.stripe.secretKey,
      baseUrl: emulator.url,
      apiVersion: EMULATOR_API_VERSION,
    },
  ] as const;
}

describe('README quickstart', () => {
  it('is exactly examples/quickstart.ts', () => {
    const block = /## Quickstart[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    expect(block).toBe(example);
  });

  it('runs against the emulator: linked, mandated, debited, then settled', async () => {
    await emulator.control.reset();
    const { linked, mandate, payment } = await quickstart(...settings());
    expect(linked).toMatchObject({ processor: 'stripe', created: true });
    expect(mandate.mandateId).toMatch(/^mandate_/);
    expect(payment).toMatchObject({ status: 'processing', amount: 1099 });

    await emulator.control.advanceClock(4 * 24 * 60 * 60 * 1000 + 1000);
    const state = await emulator.control.state();
    const intents = state.stripe['paymentIntents'] as { id: string; status: string }[];
    expect(intents).toEqual([expect.objectContaining({ id: payment.paymentIntentId, status: 'succeeded' })]);
  });

  it('is safe to run twice: one bank account, one mandate, one payment', async () => {
    await emulator.control.reset();
    const first = await quickstart(...settings());
    const second = await quickstart(...settings());
    expect(second.linked).toMatchObject({ created: false, bankAccount: { id: first.linked.bankAccount.id } });
    expect(second.payment.paymentIntentId).toBe(first.payment.paymentIntentId);
    expect(await stripeCounts(emulator)).toMatchObject({
      customers: 1,
      bankAccounts: 1,
      mandates: 1,
      paymentIntents: 1,
    });
  });
});

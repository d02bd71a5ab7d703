// Real-bank behaviour of `link` and `createAchPayment` against the emulator (Plaid Sandbox + Stripe test mode):
// tokenized account numbers, email letter case, Stripe's 24-hour idempotency window and accounts Stripe ACH
// cannot debit.
import { AccountNotDebitableError } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  emulatorAdapter,
  emulatorPlaid,
  sandboxAccount,
  stripeCounts,
} from '../test/emulator-harness.test-helpers.js';

/** The emulator's bank with tokenized account numbers ("Tokenized Tweed Bank"). */
const TAN_INSTITUTION_ID = 'ins_999002';
const HOUR_MS = 60 * 60 * 1000;
const acceptance = { type: 'online' as const, ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (e2e)' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.control.reset();
});

describe('tokenized account numbers (TANs)', () => {
  // Plaid OpenAPI 2020-09-14, `AccountBase.persistent_account_id`: "Because these accounts have a different
  // account number each time they are linked, this field may be used instead of the account number to
  // uniquely identify an account across multiple Items".
  it('a re-link of the same account through a new Item returns the existing bank account', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const first = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    const second = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    expect(second.itemId).not.toBe(first.itemId);

    const linked = await adapter.link({
      publicToken: first.publicToken,
      accountId: first.accountId,
      customer: { email: 'tan@example.com' },
    });
    const relinked = await adapter.link({
      publicToken: second.publicToken,
      accountId: second.accountId,
      customer: { email: 'tan@example.com' },
    });
    expect(linked.created).toBe(true);
    expect(relinked).toMatchObject({ created: false, customerId: linked.customerId, itemId: second.itemId });
    expect(relinked.bankAccount.id).toBe(linked.bankAccount.id);
    expect(await stripeCounts(emulator)).toMatchObject({ customers: 1, bankAccounts: 1 });
  });

  it('a fresh adapter (another process, no store) recognises the account from the bank account metadata', async () => {
    const plaid = emulatorPlaid(emulator);
    const first = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    const linked = await emulatorAdapter(emulator, { plaid }).link({
      accessToken: first.accessToken,
      accountId: first.accountId,
      customer: { email: 'tan@example.com' },
    });
    const second = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    const relinked = await emulatorAdapter(emulator).link({
      accessToken: second.accessToken,
      accountId: second.accountId,
      customer: { id: linked.customerId },
    });
    expect(relinked).toMatchObject({ created: false, bankAccount: { id: linked.bankAccount.id } });
    // Stripe saw two different tokenized numbers: the fingerprint alone would not have told them apart.
    const stripe = await emulator.control.state();
    expect((stripe.stripe['counts'] as Record<string, number>)['bankAccounts']).toBe(1);
  });

  it('the savings account of the same TAN bank is another account (a second bank account)', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const checking = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    const savings = await sandboxAccount(emulator, plaid, {
      institutionId: TAN_INSTITUTION_ID,
      subtype: 'savings',
    });
    const a = await adapter.link({
      accessToken: checking.accessToken,
      accountId: checking.accountId,
      customer: { email: 'tan@example.com' },
    });
    const b = await adapter.link({
      accessToken: savings.accessToken,
      accountId: savings.accountId,
      customer: { email: 'tan@example.com' },
    });
    expect(b.created).toBe(true);
    expect(b.bankAccount.id).not.toBe(a.bankAccount.id);
  });
});

describe('email letter case', () => {
  const variants = ['Ada@Example.com', 'ada@example.com', ' ADA@example.com '];

  it('sequential links with Ada@Example.com / ada@example.com / ADA@example.com make one customer', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const results = [];
    for (const email of variants) {
      results.push(await adapter.link({ accessToken, accountId, customer: { email, name: 'Ada' } }));
    }
    expect(new Set(results.map((result) => result.customerId)).size).toBe(1);
    expect(new Set(results.map((result) => result.bankAccount.id)).size).toBe(1);
    expect(results.map((result) => result.created)).toEqual([true, false, false]);
    expect(await stripeCounts(emulator)).toMatchObject({ customers: 1, bankAccounts: 1 });
    const state = await emulator.control.state();
    const customers = state.stripe['customers'] as { email: string | null }[];
    expect(customers.map((customer) => customer.email)).toEqual(['ada@example.com']);
  });

  it('concurrent links with the three spellings make one customer and one bank account', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const results = await Promise.all(
      [...variants, 'ADA@EXAMPLE.COM'].map((email) =>
        adapter.link({ accessToken, accountId, customer: { email, name: 'Ada' } }),
      ),
    );
    expect(new Set(results.map((result) => result.customerId)).size).toBe(1);
    expect(new Set(results.map((result) => result.bankAccount.id)).size).toBe(1);
    expect(await stripeCounts(emulator)).toMatchObject({ customers: 1, bankAccounts: 1 });
  });
});

describe("Stripe's idempotency window", () => {
  // Stripe docs, "Idempotent requests" (docs.stripe.com/idempotency): "You can remove keys from the system
  // automatically after they're at least 24 hours old. We generate a new request if a key is reused after the
  // original is pruned."
  it('the same payment key replays within 24 h and is a new request 25 emulated hours later', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { accessToken, accountId } = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({ accessToken, accountId, customer: { email: 'ada@example.com' } });
    const payment = {
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 1250,
      acceptance,
      idempotencyKey: 'order-2026-0001',
    };
    const first = await adapter.createAchPayment(payment);
    await emulator.control.advanceClock(23 * HOUR_MS);
    const replay = await adapter.createAchPayment(payment);
    expect(replay.paymentIntentId).toBe(first.paymentIntentId);
    await emulator.control.advanceClock(2 * HOUR_MS);
    const later = await adapter.createAchPayment(payment);
    // Without a durable ledger (the payments ledger of @achbridge/store), Stripe debits again.
    expect(later.paymentIntentId).not.toBe(first.paymentIntentId);
    expect((await stripeCounts(emulator))['paymentIntents']).toBe(2);
  });
});

describe('accounts Stripe ACH cannot debit are refused before any write', () => {
  it.each([
    ['a Canadian bank (ins_43)', { institutionId: 'ins_43' }, 'non_us_account'],
    ['a CD account', { subtype: 'cd' }, 'unsupported_subtype'],
    ['a credit card', { subtype: 'credit card' }, 'not_depository'],
    ['a money market account', { subtype: 'money market' }, 'unsupported_subtype'],
  ] as const)('%s', async (_label, account, reason) => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid, account);
    const error = await adapter
      .link({ publicToken, accountId, customer: { email: 'ada@example.com' } })
      .catch((caught: unknown) => caught);
    expect(AccountNotDebitableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason, processor: 'stripe', accountId });
    const state = await emulator.control.state();
    expect(state.stripe['counts']).toMatchObject({ customers: 0, bankAccounts: 0 });
    // The btok is minted at Plaid side by side with the accounts read (so a fresh link is 3 round trips);
    // for a refused account it is dropped unused: at most that one, and it never reached Stripe (no
    // customer, no bank account above).
    const processorTokens = (state.plaid['counts'] as Record<string, number>)['processorTokens'];
    expect(processorTokens).toBeLessThanOrEqual(1);
  });
});

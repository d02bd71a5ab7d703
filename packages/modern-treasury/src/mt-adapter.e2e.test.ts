import { inspect } from 'node:util';
import {
  AccountNotDebitableError,
  ConfigError,
  createPlaidClient,
  type FetchFunction,
  InputValidationError,
} from '@achbridge/core';
import { MT_PAYMENT_TIMELINE, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMtHarness, linkedChecking } from '../test/mt-emulator.test-helpers.js';
import { ModernTreasuryApiError } from './mt-errors.js';
import { modernTreasuryPaymentOutcome } from './mt-payment-outcome.js';

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

async function linkedAccount() {
  const harness = createMtHarness(emulator);
  const counterparty = await harness.adapter.createCounterparty({
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  });
  const item = await linkedChecking(harness.plaid);
  const linked = await harness.adapter.link({
    accessToken: item.accessToken,
    accountId: item.accountId,
    counterparty: counterparty.id,
  });
  const [internal] = await harness.adapter.listInternalAccounts();
  if (!internal) throw new Error('no internal account');
  return { ...harness, counterparty, item, linked, internal };
}

describe('link', () => {
  it('makes a verified external account from a modern_treasury processor token, once', async () => {
    const { adapter, counterparty, item, linked } = await linkedAccount();
    expect(linked).toMatchObject({
      processor: 'modern_treasury',
      created: true,
      counterpartyId: counterparty.id,
      customerId: counterparty.id,
      externalAccount: {
        verificationSource: 'plaid',
        verificationStatus: 'verified',
        accountType: 'checking',
      },
    });
    expect(linked.processorTokenRequestId).not.toBe('');
    expect(linked.accessToken).toBe(item.accessToken);
    expect(JSON.stringify(linked)).not.toContain(item.accessToken);
    for (let run = 0; run < 3; run += 1) {
      const again = await adapter.link({
        accessToken: item.accessToken,
        accountId: item.accountId,
        counterparty: counterparty.id,
      });
      expect(again.created).toBe(false);
      expect(again.externalAccount.id).toBe(linked.externalAccount.id);
      expect(again.processorTokenRequestId).toBe('');
    }
    expect(await adapter.listExternalAccounts(counterparty.id)).toHaveLength(1);
  });

  it('a re-run after Modern Treasury failed once makes one account; a public token is exchanged once', async () => {
    const { adapter, plaid } = createMtHarness(emulator);
    const counterparty = await adapter.createCounterparty({ name: 'Grace Hopper' });
    const { itemId, accountId } = await linkedChecking(plaid);
    const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
    await emulator.control.addFault({
      method: 'POST',
      path: '/modern-treasury/api/external_accounts',
      kind: 'status',
      status: 503,
      times: 3,
    });
    await expect(adapter.link({ publicToken, accountId, counterparty: counterparty.id })).rejects.toSatisfy(
      (error: unknown) =>
        ModernTreasuryApiError.isInstance(error) && error.status === 503 && error.isRetryable,
    );
    const rerun = await adapter.link({ publicToken, accountId, counterparty: counterparty.id });
    const again = await adapter.link({ publicToken, accountId, counterparty: counterparty.id });
    expect(rerun.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.externalAccount.id).toBe(rerun.externalAccount.id);
    expect(await adapter.listExternalAccounts(counterparty.id)).toHaveLength(1);
  });

  it('at a tokenized-account-number bank, a re-link through a new Item returns the same external account', async () => {
    const { adapter, plaid } = createMtHarness(emulator);
    const counterparty = await adapter.createCounterparty({ name: 'TAN Customer' });
    const first = await linkedChecking(plaid, 'ins_999002');
    const second = await linkedChecking(plaid, 'ins_999002');
    expect(second.itemId).not.toBe(first.itemId);
    const one = await adapter.link({ ...first, counterparty: counterparty.id });
    const two = await adapter.link({ ...second, counterparty: counterparty.id });
    expect(one.created).toBe(true);
    expect(two.created).toBe(false);
    expect(two.externalAccount.id).toBe(one.externalAccount.id);
    expect(await adapter.listExternalAccounts(counterparty.id)).toHaveLength(1);
  });

  it('asks for the processor token while the accounts read is still unanswered (4 round trips, not 5)', async () => {
    let tokenRequested: () => void = () => undefined;
    const tokenSeen = new Promise<'token first'>((resolve) => {
      tokenRequested = () => resolve('token first');
    });
    let order: string | undefined;
    // Holds /accounts/get until the processor token request has gone out; a link that asked for the token
    // only after the accounts answer would be let through after 2 s instead, and see 'accounts first'.
    const holdingFetch: FetchFunction = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.endsWith('/processor/token/create')) tokenRequested();
      if (url.endsWith('/accounts/get')) {
        const fallback = new Promise<'accounts first'>((resolve) =>
          setTimeout(() => resolve('accounts first'), 2000).unref(),
        );
        order = await Promise.race([tokenSeen, fallback]);
      }
      return fetch(input, init);
    };
    const setup = createMtHarness(emulator);
    const item = await linkedChecking(setup.plaid);
    const counterparty = await setup.adapter.createCounterparty({ name: 'Parallel Reads' });
    const plaid = createPlaidClient({
      environment: 'sandbox',
      baseUrl: emulator.plaid.baseUrl,
      clientId: emulator.plaid.clientId,
      secret: emulator.plaid.secret,
      fetch: holdingFetch,
    });
    const { adapter } = createMtHarness(emulator, { plaid });
    const linked = await adapter.link({
      accessToken: item.accessToken,
      accountId: item.accountId,
      counterparty: counterparty.id,
    });
    expect(order).toBe('token first');
    expect(linked).toMatchObject({ created: true });
    expect(linked.processorTokenRequestId).not.toBe('');
  });

  it('refuses an account Modern Treasury cannot debit by ACH before any write', async () => {
    const { adapter, plaid } = createMtHarness(emulator);
    const counterparty = await adapter.createCounterparty({ name: 'Credit Card' });
    const { publicToken } = await plaid.sandbox.createPublicToken({
      institutionId: 'ins_109508',
      initialProducts: ['auth'],
    });
    const { accessToken } = await plaid.exchangePublicToken({ publicToken });
    const { accounts } = await plaid.getAccounts({ accessToken });
    const credit = accounts.find((account) => account.type === 'credit');
    if (!credit) throw new Error('no credit account');
    await expect(
      adapter.link({ accessToken, accountId: credit.accountId, counterparty: counterparty.id }),
    ).rejects.toSatisfy((error: unknown) => AccountNotDebitableError.isInstance(error));
    expect(await adapter.listExternalAccounts(counterparty.id)).toHaveLength(0);
  });

  it('an unknown counterparty is a typed 422 naming counterparty_id, with remediation, and no secret', async () => {
    const { adapter, plaid } = createMtHarness(emulator);
    const { accessToken, accountId } = await linkedChecking(plaid);
    const error = await adapter
      .link({ accessToken, accountId, counterparty: '00000000-0000-4000-8000-000000000000' })
      .catch((caught: unknown) => caught);
    expect(ModernTreasuryApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, code: 'parameter_invalid', parameter: 'counterparty_id' });
    expect((error as ModernTreasuryApiError).remediation).toContain('parameter');
    for (const view of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(view).not.toContain(accessToken);
      expect(view).not.toContain(emulator.modernTreasury.apiKey);
      expect(view).not.toMatch(/processor-sandbox-/);
    }
  });
});

describe('environment pairing', () => {
  it('refuses a Plaid Production client or token with a sandbox Modern Treasury before any request', async () => {
    const production = createPlaidClient({ environment: 'production', clientId: 'id', secret: 'secret' });
    const { adapter, requests } = createMtHarness(emulator, { plaid: production });
    const error = await adapter
      .link({
        accessToken: 'access-production-00000000-0000-4000-8000-000000000000',
        accountId: 'acc',
        counterparty: '00000000-0000-4000-8000-000000000000',
      })
      .catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('MODERN_TREASURY_ENVIRONMENT_MISMATCH');
    const sandbox = createMtHarness(emulator);
    await expect(
      sandbox.adapter.createProcessorToken({
        accessToken: 'access-production-00000000-0000-4000-8000-000000000000',
        accountId: 'acc',
      }),
    ).rejects.toMatchObject({ code: 'MODERN_TREASURY_ENVIRONMENT_MISMATCH' });
    expect(requests()).toBe(0);
    expect(sandbox.requests()).toBe(0);
  });

  it('a production API key configured as sandbox is refused at the first answer, before any debit', async () => {
    const { adapter, linked, internal } = await linkedAccount();
    expect(adapter.environment).toBe('sandbox');
    const live = createMtHarness(emulator, {
      modernTreasury: { apiKey: emulator.modernTreasury.liveApiKey },
    });
    const error = await live.adapter
      .createAchDebit({
        externalAccountId: linked.externalAccount.id,
        originatingAccountId: internal.id,
        amount: 100,
        idempotencyKey: 'order-live',
      })
      .catch((caught: unknown) => caught);
    // The live key cannot see the sandbox account (404) — and never reaches POST /api/payment_orders.
    expect(ModernTreasuryApiError.isInstance(error) || ConfigError.isInstance(error)).toBe(true);
    const listError = await live.adapter.listInternalAccounts().catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(listError)).toBe(true);
    expect((listError as ConfigError).code).toBe('MODERN_TREASURY_ENVIRONMENT_MISMATCH');
    const state = (await emulator.control.request('GET', '/__emulator/state')) as Record<
      string,
      { paymentOrders: number }
    >;
    expect(state['modern-treasury']?.paymentOrders).toBe(0);
  });
});

describe('createAchDebit', () => {
  it('debits by ACH payment order; the same key returns the same order; it settles on the clock', async () => {
    const { adapter, linked, internal } = await linkedAccount();
    const input = {
      externalAccountId: linked.externalAccount.id,
      originatingAccountId: internal.id,
      amount: 1099,
      idempotencyKey: 'order-1099',
      description: 'Order 1099',
    };
    const order = await adapter.createAchDebit(input);
    expect(order).toMatchObject({
      type: 'ach',
      direction: 'debit',
      amount: 1099,
      status: 'approved',
      currency: 'USD',
    });
    const again = await adapter.createAchDebit(input);
    expect(again.id).toBe(order.id);
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.completedAfterMs);
    const settled = await adapter.getPaymentOrder(order.id);
    expect(settled.status).toBe('completed');
    expect(modernTreasuryPaymentOutcome(settled)).toMatchObject({
      status: 'succeeded',
      provider: 'modern_treasury',
    });
  });

  it('a key reused for a different payment is a typed error naming idempotencyKey, not a wrong order', async () => {
    const { adapter, linked, internal } = await linkedAccount();
    const base = {
      externalAccountId: linked.externalAccount.id,
      originatingAccountId: internal.id,
      idempotencyKey: 'k1',
    };
    await adapter.createAchDebit({ ...base, amount: 500 });
    const error = await adapter.createAchDebit({ ...base, amount: 700 }).catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('idempotencyKey');
  });

  it('a retried 500 makes one payment order (same Idempotency-Key on every attempt)', async () => {
    const { adapter, linked, internal } = await linkedAccount();
    await emulator.control.addFault({
      method: 'POST',
      path: '/modern-treasury/api/payment_orders',
      kind: 'status',
      status: 500,
    });
    const order = await adapter.createAchDebit({
      externalAccountId: linked.externalAccount.id,
      originatingAccountId: internal.id,
      amount: 250,
      idempotencyKey: 'retry-me',
    });
    expect(order.amount).toBe(250);
    const state = (await emulator.control.request('GET', '/__emulator/state')) as Record<
      string,
      { paymentOrders: number }
    >;
    expect(state['modern-treasury']?.paymentOrders).toBe(1);
  });

  it('a returned debit reports its ACH return code and maps to a failed outcome', async () => {
    const { adapter, linked, internal } = await linkedAccount();
    const order = await adapter.createAchDebit({
      externalAccountId: linked.externalAccount.id,
      originatingAccountId: internal.id,
      amount: 300,
      idempotencyKey: 'to-return',
    });
    await emulator.control.advanceClock(MT_PAYMENT_TIMELINE.sentAfterMs);
    await emulator.control.request('POST', `/__emulator/modern-treasury/payment-orders/${order.id}/return`, {
      code: 'R01',
    });
    const returned = await adapter.getPaymentOrder(order.id);
    expect(returned).toMatchObject({ status: 'returned', returnCode: 'R01' });
    expect(modernTreasuryPaymentOutcome(returned)).toMatchObject({ status: 'failed', returnCode: 'R01' });
  });

  it('a wrong API key is a typed 401 with remediation that shows no key', async () => {
    const { adapter } = createMtHarness(emulator, { modernTreasury: { apiKey: 'test-not-the-key-1234567' } });
    const error = await adapter.listInternalAccounts().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    expect((error as ModernTreasuryApiError).remediation).toContain('MODERN_TREASURY_API_KEY');
    expect(inspect(error, { depth: 5 })).not.toContain('test-not-the-key-1234567');
  });
});

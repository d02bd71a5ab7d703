// Stripe's processor-token route end to end against the emulator (Plaid Sandbox + Stripe test mode): `link`
// hands the account to Stripe as a Plaid processor token on a `us_bank_account` PaymentMethod.
//
// Sources: Stripe changelog "Adds Plaid processor tokens for ACH Direct Debit payment methods"
// (https://docs.stripe.com/changelog/endive/2026-10-28/us-bank-account-external-token-parameter-support): "Use this
// parameter with a Plaid processor token to create a verified ACH Direct Debit payment method. Set type to
// plaid_processor_token, and provide the token in plaid_processor_token", on API version 2026-10-28.preview.
// Plaid's /processor/token/create processor enum (spec 2020-09-14_1.697.4) and plaid 47's SDK enum list no Stripe
// name, and the spec says "Stripe partnerships use bank account tokens instead": the Plaid name is configuration
// (`plaidProcessor`), and the emulator enables one name explicitly (`tuning.stripePlaidProcessor`).
import { createPlaidClient, InputValidationError, PlaidApiError, type PlaidClient } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorPlaid, sandboxAccount, stripeCounts } from '../test/emulator-harness.test-helpers.js';
import { createStripeAdapter, PROCESSOR_TOKEN_API_VERSION, type StripeAdapter } from './index.js';

/** The Plaid processor name the emulator is told to enable for Stripe in these tests. */
const PLAID_PROCESSOR = 'stripe';
const TAN_INSTITUTION_ID = 'ins_999002';
const acceptance = { type: 'online' as const, ipAddress: '203.0.113.7', userAgent: 'Mozilla/5.0 (e2e)' };

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ tuning: { stripePlaidProcessor: PLAID_PROCESSOR } });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.control.reset();
});

function routeAdapter(plaid: PlaidClient, plaidProcessor = PLAID_PROCESSOR): StripeAdapter {
  return createStripeAdapter({
    plaid,
    stripe: {
      secretKey: emulator.stripe.secretKey,
      host: emulator.stripe.host,
      port: emulator.stripe.port,
      protocol: emulator.stripe.protocol,
    },
    retry: { maxRetries: 2, initialDelayMs: 1, maxDelayMs: 5 },
    processorTokenRoute: { plaidProcessor, apiVersion: PROCESSOR_TOKEN_API_VERSION },
  });
}

describe('processor-token route', () => {
  it('links a PaymentMethod, re-runs return it (created: false), and a mandate and a debit work on it', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = routeAdapter(plaid);
    const account = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({
      publicToken: account.publicToken,
      accountId: account.accountId,
      customer: { email: 'Route@Example.com' },
    });
    expect(linked).toMatchObject({
      processor: 'stripe',
      created: true,
      itemId: account.itemId,
      bankAccount: { object: 'payment_method', status: 'verified', last4: expect.stringMatching(/^\d{4}$/) },
    });
    expect(linked.bankAccount.id).toMatch(/^pm_/);

    // A re-run in this process, then one from a fresh adapter (another process, nothing remembered).
    const again = await adapter.link({
      accessToken: account.accessToken,
      accountId: account.accountId,
      customer: { email: 'route@example.com' },
    });
    const fresh = await routeAdapter(emulatorPlaid(emulator)).link({
      accessToken: account.accessToken,
      accountId: account.accountId,
      customer: { id: linked.customerId },
    });
    for (const rerun of [again, fresh]) {
      expect(rerun).toMatchObject({ created: false, customerId: linked.customerId });
      expect(rerun.bankAccount.id).toBe(linked.bankAccount.id);
    }
    expect(await stripeCounts(emulator)).toMatchObject({ customers: 1, bankAccounts: 1 });

    const mandate = await adapter.createMandate({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      acceptance,
    });
    expect(mandate).toMatchObject({ status: 'succeeded', mandateId: expect.stringMatching(/^mandate_/) });
    const payment = await adapter.createAchPayment({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      amount: 2500,
      mandateId: mandate.mandateId,
      idempotencyKey: 'order-route-1',
    });
    expect(payment).toMatchObject({ status: 'processing', amount: 2500 });
    expect(await stripeCounts(emulator)).toMatchObject({ paymentIntents: 1 });
  });

  it('a re-link of a tokenized-account-number account through a new Item returns the same PaymentMethod', async () => {
    // Plaid OpenAPI 2020-09-14, `AccountBase.persistent_account_id`: "this field may be used instead of the
    // account number to uniquely identify an account across multiple Items".
    const plaid = emulatorPlaid(emulator);
    const first = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    const second = await sandboxAccount(emulator, plaid, { institutionId: TAN_INSTITUTION_ID });
    const linked = await routeAdapter(plaid).link({
      accessToken: first.accessToken,
      accountId: first.accountId,
      customer: { email: 'tan-route@example.com' },
    });
    const relinked = await routeAdapter(emulatorPlaid(emulator)).link({
      accessToken: second.accessToken,
      accountId: second.accountId,
      customer: { email: 'tan-route@example.com' },
    });
    expect(linked.created).toBe(true);
    expect(relinked).toMatchObject({ created: false, itemId: second.itemId, customerId: linked.customerId });
    expect(relinked.bankAccount.id).toBe(linked.bankAccount.id);
    const counts = await stripeCounts(emulator);
    expect(counts['customers']).toBe(1);
  });

  it('a re-link of an ordinary account through a new Item is recognised by its fingerprint', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = routeAdapter(plaid);
    const first = await sandboxAccount(emulator, plaid);
    const second = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({
      accessToken: first.accessToken,
      accountId: first.accountId,
      customer: { email: 'same@example.com' },
    });
    const relinked = await adapter.link({
      accessToken: second.accessToken,
      accountId: second.accountId,
      customer: { email: 'same@example.com' },
    });
    expect(relinked).toMatchObject({ created: false, bankAccount: { id: linked.bankAccount.id } });
    expect(relinked.bankAccount.fingerprint).toBe(linked.bankAccount.fingerprint);
  });

  it('a processor name Plaid has not enabled fails at Plaid with a typed error, before any Stripe write', async () => {
    const plaid = emulatorPlaid(emulator);
    const account = await sandboxAccount(emulator, plaid);
    const error = await routeAdapter(plaid, 'stripe_preview')
      .link({
        accessToken: account.accessToken,
        accountId: account.accountId,
        customer: { email: 'x@example.com' },
      })
      .catch((caught: unknown) => caught);
    expect(PlaidApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await stripeCounts(emulator)).toMatchObject({ bankAccounts: 0 });
  });
});

describe('processorTokenRoute option validation', () => {
  it('refuses a misconfigured route with an InputValidationError naming the field, before any network call', () => {
    let calls = 0;
    const plaid = createPlaidClient({
      environment: 'sandbox',
      baseUrl: emulator.plaid.baseUrl,
      clientId: emulator.plaid.clientId,
      secret: emulator.plaid.secret,
      fetch: (input: string | URL, init?: RequestInit) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const stripe = {
      secretKey: emulator.stripe.secretKey,
      host: emulator.stripe.host,
      port: emulator.stripe.port,
    };
    const cases: [unknown, string][] = [
      [{ plaidProcessor: 'stripe', apiVersion: '2026-09-30.endive' }, 'processorTokenRoute.apiVersion'],
      [{ plaidProcessor: 'stripe' }, 'processorTokenRoute.apiVersion'],
      [{ apiVersion: PROCESSOR_TOKEN_API_VERSION }, 'processorTokenRoute.plaidProcessor'],
      [{ plaidProcessor: '', apiVersion: PROCESSOR_TOKEN_API_VERSION }, 'processorTokenRoute.plaidProcessor'],
      [
        { plaidProcessor: 'Stripe Inc', apiVersion: PROCESSOR_TOKEN_API_VERSION },
        'processorTokenRoute.plaidProcessor',
      ],
      // `dwolla` is Plaid's name for another partner: its tokens would never work at Stripe.
      [
        { plaidProcessor: 'dwolla', apiVersion: PROCESSOR_TOKEN_API_VERSION },
        'processorTokenRoute.plaidProcessor',
      ],
      [
        { plaidProcessor: 'stripe', apiVersion: PROCESSOR_TOKEN_API_VERSION, extra: 1 },
        'processorTokenRoute.extra',
      ],
      ['on', 'processorTokenRoute'],
    ];
    for (const [route, field] of cases) {
      let caught: unknown;
      try {
        createStripeAdapter({ plaid, stripe, processorTokenRoute: route as never });
      } catch (error) {
        caught = error;
      }
      expect(InputValidationError.isInstance(caught), JSON.stringify(route)).toBe(true);
      expect((caught as InputValidationError).field, JSON.stringify(route)).toBe(field);
    }
    expect(calls).toBe(0);
  });
});

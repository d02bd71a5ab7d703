// Shared setup for the nock-based unit tests: a sandbox Plaid client and a Stripe adapter pointed at
// the real provider hosts, which nock intercepts (no request ever leaves the process).
import { readFileSync } from 'node:fs';
import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import nock from 'nock';
import { createStripeAdapter, type StripeAdapter } from '../src/index.js';

/** Plaid Sandbox host the core client calls. */
export const PLAID_HOST = 'https://sandbox.plaid.com';
/** Stripe API host stripe-node calls. */
export const STRIPE_HOST = 'https://api.stripe.com';
/** A test mode key (never a real one). */
export const TEST_KEY = 'sk_test_unitTestKeyForAchbridge0001';
/** A live mode key (never a real one). */
export const LIVE_KEY = 'sk_live_unitTestKeyForAchbridge0001';
/** A Sandbox public token in the documented `<type>-<env>-<id>` format. */
export const PUBLIC_TOKEN = 'public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc';
/** A Sandbox access token in the documented `<type>-<env>-<id>` format. */
export const ACCESS_TOKEN = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';
/** The Plaid Item id the mocked exchange returns. */
export const ITEM_ID = 'M5eVJqLnv3tbzdngLDp9FL5OlDNxlNhlE55op';
/** The Plaid account id the tests link. */
export const ACCOUNT_ID = 'vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D';

type StripeObjects = Record<
  'token' | 'bankAccount' | 'otherBankAccount' | 'customer' | 'setupIntent' | 'paymentIntent',
  Record<string, unknown>
>;

/** Fresh copies of the Stripe answer bodies in test-data/stripe-objects.json. */
export function stripeObjects(): StripeObjects {
  return JSON.parse(
    readFileSync(new URL('../src/test-data/stripe-objects.json', import.meta.url), 'utf8'),
  ) as StripeObjects;
}

/** A Stripe list page. */
export function stripeList(data: unknown[], hasMore = false): Record<string, unknown> {
  return { object: 'list', data, has_more: hasMore, url: '/v1/list' };
}

/** A Stripe error body. */
export function stripeErrorBody(error: Record<string, unknown>): Record<string, unknown> {
  return { error };
}

/** A sandbox Plaid client that does not retry (Plaid retries are core's concern). */
export function createTestPlaid(): PlaidClient {
  return createPlaidClient({
    environment: 'sandbox',
    clientId: 'unit-test-client-id',
    secret: 'unit-test-plaid-secret-value',
    maxRetries: 0,
  });
}

/** A Stripe adapter with fast retries against the nock-intercepted hosts. */
export function createTestAdapter(
  overrides: { plaid?: PlaidClient; maxRetries?: number } = {},
): StripeAdapter {
  return createStripeAdapter({
    plaid: overrides.plaid ?? createTestPlaid(),
    stripe: { secretKey: TEST_KEY },
    retry: { maxRetries: overrides.maxRetries ?? 2, initialDelayMs: 1, maxDelayMs: 5 },
  });
}

/** Intercepts Plaid's public token exchange. */
export function mockExchange(): nock.Scope {
  return nock(PLAID_HOST)
    .post('/item/public_token/exchange')
    .reply(200, { access_token: ACCESS_TOKEN, item_id: ITEM_ID, request_id: 'plaidReqExchange1' });
}

/** Intercepts Plaid's `/accounts/get`, answering the linked checking account (fields overridable). */
export function mockAccounts(account: Record<string, unknown> = {}): nock.Scope {
  return nock(PLAID_HOST).post('/accounts/get').reply(200, accountsAnswer(account));
}

/** The body of Plaid's `/accounts/get` answer with the linked checking account (fields overridable). */
export function accountsAnswer(account: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accounts: [
      {
        account_id: ACCOUNT_ID,
        name: 'Plaid Checking',
        official_name: 'Plaid Gold Standard 0% Interest Checking',
        mask: '0000',
        type: 'depository',
        subtype: 'checking',
        balances: { available: 100, current: 110, limit: null, iso_currency_code: 'USD' },
        ...account,
      },
    ],
    item: { item_id: ITEM_ID, institution_id: 'ins_109508', webhook: null, error: null },
    request_id: 'plaidReqAccounts1',
  };
}

/** Intercepts Plaid's btok creation, answering `token` (or another body). */
export function mockBankAccountToken(
  body: Record<string, unknown> = {
    stripe_bank_account_token: 'btok_5oEetfLzPklE1fwJZ7SG',
    request_id: 'plaidReqBtok1',
  },
  status = 200,
): nock.Scope {
  return nock(PLAID_HOST).post('/processor/stripe/bank_account_token/create').reply(status, body);
}

/** Prepares nock for a test file: no real network, clean interceptors. */
export function useNock(): void {
  nock.disableNetConnect();
}

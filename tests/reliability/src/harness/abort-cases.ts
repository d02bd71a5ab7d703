import {
  checkAuthSupport,
  createPlaidWebhookVerifier,
  createUpdateModeLinkToken,
  findAuthInstitutions,
  getItemHealth,
} from '@achbridge/core';
import { createTestWebhookSigner } from '@achbridge/core/testing';
import { z } from 'zod';
import type { AbortFixture } from './abort-fixture.js';

/** One public async method, the request it sends first (where the fault goes) and how to call it with a signal. */
export interface AbortCase {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  call: (fixture: AbortFixture, signal: AbortSignal) => Promise<unknown>;
  /** The method never waits to retry: a 503 fails it at once as retryable (webhook key fetches). */
  failsFast?: true;
}

const anyJson = z.looseObject({});

/** Every public async method of core, the Stripe adapter, the Dwolla adapter and the Dwolla client that calls a provider. */
export const ABORT_CASES: readonly AbortCase[] = [
  // @achbridge/core: the Plaid client
  {
    name: 'plaid.exchangePublicToken',
    method: 'POST',
    path: '/plaid/item/public_token/exchange',
    call: (f, signal) => f.plaid.exchangePublicToken({ publicToken: f.publicToken }, { signal }),
  },
  {
    name: 'plaid.createLinkToken',
    method: 'POST',
    path: '/plaid/link/token/create',
    call: (f, signal) =>
      f.plaid.createLinkToken(
        { clientName: 'Abort', clientUserId: 'user-1', products: ['auth'] },
        { signal },
      ),
  },
  {
    name: 'plaid.getAccounts',
    method: 'POST',
    path: '/plaid/accounts/get',
    call: (f, signal) => f.plaid.getAccounts({ accessToken: f.accessToken }, { signal }),
  },
  {
    name: 'plaid.getAuth',
    method: 'POST',
    path: '/plaid/auth/get',
    call: (f, signal) => f.plaid.getAuth({ accessToken: f.accessToken }, { signal }),
  },
  {
    name: 'plaid.getItem',
    method: 'POST',
    path: '/plaid/item/get',
    call: (f, signal) => f.plaid.getItem({ accessToken: f.accessToken }, { signal }),
  },
  {
    name: 'plaid.removeItem',
    method: 'POST',
    path: '/plaid/item/remove',
    call: (f, signal) => f.plaid.removeItem({ accessToken: f.accessToken }, { signal }),
  },
  {
    name: 'plaid.updateItemWebhook',
    method: 'POST',
    path: '/plaid/item/webhook/update',
    call: (f, signal) =>
      f.plaid.updateItemWebhook(
        { accessToken: f.accessToken, webhook: 'https://example.com/hook' },
        { signal },
      ),
  },
  {
    name: 'plaid.getInstitutionById',
    method: 'POST',
    path: '/plaid/institutions/get_by_id',
    call: (f, signal) =>
      f.plaid.getInstitutionById({ institutionId: 'ins_109508', countryCodes: ['US'] }, { signal }),
  },
  {
    name: 'plaid.searchInstitutions',
    method: 'POST',
    path: '/plaid/institutions/search',
    call: (f, signal) => f.plaid.searchInstitutions({ query: 'Platypus', countryCodes: ['US'] }, { signal }),
  },
  {
    name: 'plaid.sandbox.createPublicToken',
    method: 'POST',
    path: '/plaid/sandbox/public_token/create',
    call: (f, signal) =>
      f.plaid.sandbox.createPublicToken(
        { institutionId: 'ins_109508', initialProducts: ['auth'] },
        { signal },
      ),
  },
  {
    name: 'plaid.sandbox.resetLogin',
    method: 'POST',
    path: '/plaid/sandbox/item/reset_login',
    call: (f, signal) => f.plaid.sandbox.resetLogin({ accessToken: f.accessToken }, { signal }),
  },
  {
    name: 'plaid.sandbox.fireWebhook',
    method: 'POST',
    path: '/plaid/sandbox/item/fire_webhook',
    call: (f, signal) =>
      f.plaid.sandbox.fireWebhook({ accessToken: f.accessToken, webhookCode: 'DEFAULT_UPDATE' }, { signal }),
  },
  {
    name: 'plaid.request',
    method: 'POST',
    path: '/plaid/processor/token/create',
    call: (f, signal) =>
      f.plaid.request(
        '/processor/token/create',
        { access_token: f.accessToken, account_id: f.accountId, processor: 'dwolla' },
        anyJson,
        { signal },
      ),
  },
  // @achbridge/core: helpers built on the Plaid client
  {
    name: 'getItemHealth',
    method: 'POST',
    path: '/plaid/item/get',
    call: (f, signal) => getItemHealth({ plaid: f.plaid, accessToken: f.accessToken, signal }),
  },
  {
    name: 'createUpdateModeLinkToken',
    method: 'POST',
    path: '/plaid/link/token/create',
    call: (f, signal) =>
      createUpdateModeLinkToken({
        plaid: f.plaid,
        accessToken: f.accessToken,
        clientName: 'Abort',
        clientUserId: 'user-1',
        signal,
      }),
  },
  {
    name: 'checkAuthSupport',
    method: 'POST',
    path: '/plaid/institutions/get_by_id',
    call: (f, signal) =>
      checkAuthSupport(f.plaid, { institutionId: 'ins_109508', countryCodes: ['US'] }, { signal }),
  },
  {
    name: 'findAuthInstitutions',
    method: 'POST',
    path: '/plaid/institutions/search',
    call: (f, signal) =>
      findAuthInstitutions(f.plaid, { query: 'Platypus', countryCodes: ['US'] }, { signal }),
  },
  {
    name: 'PlaidWebhookVerifier.verify (key fetch)',
    failsFast: true,
    method: 'POST',
    path: '/plaid/webhook_verification_key/get',
    call: (f, signal) =>
      createPlaidWebhookVerifier({ plaid: f.plaid }).verify(
        createTestWebhookSigner().sign({ webhook_type: 'ITEM', webhook_code: 'ERROR' }),
        { signal },
      ),
  },
  // @achbridge/stripe
  {
    name: 'stripe.link (Plaid step)',
    method: 'POST',
    path: '/plaid/item/public_token/exchange',
    call: (f, signal) =>
      f.stripe.link(
        {
          publicToken: f.publicToken,
          accountId: f.accountId,
          customer: { id: f.stripeCustomerId },
        },
        { signal },
      ),
  },
  {
    name: 'stripe.link (Stripe step)',
    method: 'POST',
    path: '/v1/customers/*/sources',
    call: (f, signal) =>
      f.stripe.link(
        {
          accessToken: f.accessToken,
          accountId: f.accountId,
          customer: { id: f.stripeCustomerId },
        },
        { signal },
      ),
  },
  {
    name: 'stripe.createBankAccountToken',
    method: 'POST',
    path: '/plaid/processor/stripe/bank_account_token/create',
    call: (f, signal) =>
      f.stripe.createBankAccountToken({ accessToken: f.accessToken, accountId: f.accountId }, { signal }),
  },
  {
    name: 'stripe.createMandate',
    method: 'POST',
    path: '/v1/setup_intents',
    call: (f, signal) =>
      f.stripe.createMandate(
        {
          customerId: f.stripeCustomerId,
          bankAccountId: f.bankAccountId,
          acceptance: { type: 'offline' },
        },
        { signal },
      ),
  },
  {
    name: 'stripe.createAchPayment',
    method: 'POST',
    path: '/v1/payment_intents',
    call: (f, signal) =>
      f.stripe.createAchPayment(
        {
          customerId: f.stripeCustomerId,
          bankAccountId: f.bankAccountId,
          amount: 700,
          mandateId: f.mandateId,
          idempotencyKey: 'abort-suite-payment',
        },
        { signal },
      ),
  },
  {
    name: 'stripe.getPayment',
    method: 'GET',
    path: '/v1/payment_intents/*',
    call: (f, signal) => f.stripe.getPayment(f.paymentIntentId, { signal }),
  },
  // @achbridge/dwolla: the adapter
  {
    name: 'dwolla.link (Plaid step)',
    method: 'POST',
    path: '/plaid/accounts/get',
    call: (f, signal) =>
      f.dwolla.link(
        {
          accessToken: f.accessToken,
          accountId: f.accountId,
          customer: f.dwollaCustomerId,
          name: 'Abort checking',
        },
        { signal },
      ),
  },
  {
    name: 'dwolla.link (Dwolla step)',
    method: 'POST',
    path: '/dwolla/customers/*/funding-sources',
    call: (f, signal) =>
      f.dwolla.link(
        {
          accessToken: f.accessToken,
          accountId: f.accountId,
          customer: f.dwollaCustomerId,
          name: 'Abort checking',
        },
        { signal },
      ),
  },
  {
    name: 'dwolla.createProcessorToken',
    method: 'POST',
    path: '/plaid/processor/token/create',
    call: (f, signal) =>
      f.dwolla.createProcessorToken({ accessToken: f.accessToken, accountId: f.accountId }, { signal }),
  },
  {
    name: 'dwolla.createFundingSource',
    method: 'POST',
    path: '/dwolla/customers/*/funding-sources',
    call: (f, signal) =>
      f.dwolla.createFundingSource(
        { customer: f.dwollaCustomerId, processorToken: f.processorToken, name: 'Abort checking' },
        { signal },
      ),
  },
  {
    name: 'dwolla.getFundingSource',
    method: 'GET',
    path: '/dwolla/funding-sources/*',
    call: (f, signal) => f.dwolla.getFundingSource(f.fundingSourceId, { signal }),
  },
  {
    name: 'dwolla.listFundingSources',
    method: 'GET',
    path: '/dwolla/customers/*/funding-sources',
    call: (f, signal) => f.dwolla.listFundingSources(f.dwollaCustomerId, { signal }),
  },
  {
    name: 'dwolla.removeFundingSource',
    method: 'POST',
    path: '/dwolla/funding-sources/*',
    call: (f, signal) => f.dwolla.removeFundingSource(f.fundingSourceId, { signal }),
  },
  {
    name: 'dwolla.createCustomer',
    method: 'POST',
    path: '/dwolla/customers',
    call: (f, signal) =>
      f.dwolla.createCustomer(
        { firstName: 'Second', lastName: 'Customer', email: 'second@example.com' },
        { signal },
      ),
  },
  // @achbridge/dwolla: the client
  {
    name: 'dwollaClient.get',
    method: 'GET',
    path: '/dwolla/customers/*',
    call: (f, signal) => f.dwollaClient.get(`/customers/${f.dwollaCustomerId}`, anyJson, { signal }),
  },
  {
    name: 'dwollaClient.post',
    method: 'POST',
    path: '/dwolla/customers/*',
    call: (f, signal) =>
      f.dwollaClient.post(`/customers/${f.dwollaCustomerId}`, { firstName: 'Renamed' }, anyJson, { signal }),
  },
  {
    name: 'dwollaClient.create',
    method: 'POST',
    path: '/dwolla/customers',
    call: (f, signal) =>
      f.dwollaClient.create(
        '/customers',
        { firstName: 'Third', lastName: 'Customer', email: 'third@example.com' },
        { signal },
      ),
  },
  {
    name: 'dwolla token fetch (fresh client)',
    method: 'POST',
    path: '/dwolla/token',
    call: (f, signal) => f.freshDwollaClient().get(`/customers/${f.dwollaCustomerId}`, anyJson, { signal }),
  },
];

import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { Configuration, PlaidApi, Products } from 'plaid';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

const stripeSpec = createOpenApiValidator('stripe');

const DAY_MS = 24 * 60 * 60 * 1000;
const MANDATE_DATA = {
  customer_acceptance: {
    type: 'online' as const,
    online: { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (contract test)' },
  },
};

let emulator: RunningEmulator;
let plaid: PlaidApi;

function stripeClient(key = emulator.stripe.secretKey): Stripe {
  return new Stripe(key, {
    host: emulator.stripe.host,
    port: emulator.stripe.port,
    protocol: emulator.stripe.protocol,
    maxNetworkRetries: 0,
  });
}

async function rejection(promise: Promise<unknown>): Promise<InstanceType<typeof Stripe.errors.StripeError>> {
  try {
    await promise;
  } catch (error) {
    return error as InstanceType<typeof Stripe.errors.StripeError>;
  }
  throw new Error('expected the Stripe call to reject');
}

/** Plaid Sandbox with the official SDK: public token -> access token -> Stripe btok. */
async function plaidBtok(): Promise<{ btok: string; accessToken: string }> {
  const publicToken = await plaid.sandboxPublicTokenCreate({
    institution_id: 'ins_109508',
    initial_products: [Products.Auth],
  });
  const exchange = await plaid.itemPublicTokenExchange({ public_token: publicToken.data.public_token });
  const accessToken = exchange.data.access_token;
  const accounts = await plaid.accountsGet({ access_token: accessToken });
  const account = accounts.data.accounts.find((candidate) => candidate.subtype === 'checking');
  if (!account) throw new Error('no checking account');
  const created = await plaid.processorStripeBankAccountTokenCreate({
    access_token: accessToken,
    account_id: account.account_id,
  });
  return { btok: created.data.stripe_bank_account_token, accessToken };
}

beforeAll(async () => {
  emulator = await startEmulator();
  plaid = new PlaidApi(
    new Configuration({
      basePath: emulator.plaid.baseUrl,
      baseOptions: {
        headers: { 'PLAID-CLIENT-ID': emulator.plaid.clientId, 'PLAID-SECRET': emulator.plaid.secret },
      },
    }),
  );
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  await emulator.control.reset();
});

describe('stripe + plaid SDKs against the running emulator', () => {
  it('Plaid btok -> customer -> source -> token -> SetupIntent + mandate -> PaymentIntent -> settles', async () => {
    const stripe = stripeClient();
    const { btok } = await plaidBtok();
    expect(btok).toMatch(/^btok_/);

    const token = await stripe.tokens.retrieve(btok);
    expect(token.type).toBe('bank_account');
    expect(token.used).toBe(false);
    expect(token.bank_account).toMatchObject({
      last4: '6789',
      routing_number: '110000000',
      bank_name: 'STRIPE TEST BANK',
      status: 'verified',
      country: 'US',
      currency: 'usd',
    });

    const customer = await stripe.customers.create({
      email: 'payer@example.com',
      name: 'Alberta Charleson',
      metadata: { plaid_item: 'item_1' },
    });
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
    expect(stripeSpec.schemaErrors('customer', customer)).toBeUndefined();

    const source = await stripe.customers.createSource(customer.id, { source: btok });
    expect(source.object).toBe('bank_account');
    const bankAccount = source as Stripe.BankAccount;
    expect(bankAccount).toMatchObject({
      customer: customer.id,
      last4: '6789',
      status: 'verified',
      fingerprint: token.bank_account?.fingerprint,
    });
    expect(bankAccount.id).toBe(token.bank_account?.id);
    expect(
      stripeSpec.responseErrors('POST', '/v1/customers/{customer}/sources', 200, bankAccount),
    ).toBeUndefined();
    expect((await stripe.tokens.retrieve(btok)).used).toBe(true);

    const sources = await stripe.customers.listSources(customer.id, { object: 'bank_account' });
    expect(sources.data.map((item) => item.id)).toEqual([bankAccount.id]);
    expect(
      stripeSpec.responseErrors('GET', '/v1/customers/{customer}/sources', 200, sources),
    ).toBeUndefined();
    const retrieved = await stripe.customers.retrieve(customer.id);
    expect(retrieved).toMatchObject({ default_source: bankAccount.id });

    const setupIntent = await stripe.setupIntents.create({
      customer: customer.id,
      payment_method: bankAccount.id,
      allowed_payment_method_types: ['us_bank_account'],
      confirm: true,
      mandate_data: MANDATE_DATA,
    });
    expect(setupIntent.status).toBe('succeeded');
    const mandateId = setupIntent.mandate as string;
    const mandate = await stripe.mandates.retrieve(mandateId);
    expect(mandate).toMatchObject({
      status: 'active',
      type: 'multi_use',
      payment_method: bankAccount.id,
      customer_acceptance: { type: 'online', online: MANDATE_DATA.customer_acceptance.online },
    });
    expect(stripeSpec.schemaErrors('mandate', mandate)).toBeUndefined();

    const paymentIntent = await stripe.paymentIntents.create(
      {
        amount: 1099,
        currency: 'usd',
        customer: customer.id,
        payment_method: bankAccount.id,
        allowed_payment_method_types: ['us_bank_account'],
        confirm: true,
        mandate: mandateId,
        off_session: true,
      },
      { idempotencyKey: 'contract-payment-1' },
    );
    expect(paymentIntent.status).toBe('processing');
    expect(stripeSpec.responseErrors('POST', '/v1/payment_intents', 200, paymentIntent)).toBeUndefined();

    const replay = await stripe.paymentIntents.create(
      {
        amount: 1099,
        currency: 'usd',
        customer: customer.id,
        payment_method: bankAccount.id,
        allowed_payment_method_types: ['us_bank_account'],
        confirm: true,
        mandate: mandateId,
        off_session: true,
      },
      { idempotencyKey: 'contract-payment-1' },
    );
    expect(replay.id).toBe(paymentIntent.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');

    expect((await stripe.paymentIntents.retrieve(paymentIntent.id)).status).toBe('processing');
    await emulator.control.advanceClock(4 * DAY_MS);
    const settled = await stripe.paymentIntents.retrieve(paymentIntent.id);
    expect(settled).toMatchObject({ status: 'succeeded', amount_received: 1099 });
    expect(stripeSpec.responseErrors('GET', '/v1/payment_intents/{intent}', 200, settled)).toBeUndefined();

    const state = await emulator.control.state();
    expect(JSON.stringify(state)).toContain(paymentIntent.id);
  });

  it('PaymentIntent with mandate_data straight from a customer created with source=btok', async () => {
    const stripe = stripeClient();
    const { btok } = await plaidBtok();
    const customer = await stripe.customers.create({ source: btok, expand: ['default_source'] });
    const bankAccount = customer.default_source as Stripe.BankAccount;
    expect(bankAccount.object).toBe('bank_account');
    const paymentIntent = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'usd',
      customer: customer.id,
      payment_method: bankAccount.id,
      allowed_payment_method_types: ['us_bank_account'],
    });
    expect(paymentIntent.status).toBe('requires_confirmation');
    const confirmed = await stripe.paymentIntents.confirm(paymentIntent.id, { mandate_data: MANDATE_DATA });
    expect(confirmed.status).toBe('processing');
  });

  it('maps the documented failures onto the SDK error classes', async () => {
    const stripe = stripeClient();
    const { btok, accessToken } = await plaidBtok();

    // The FAQ's failure: a Plaid Sandbox (test-mode) btok used with a live key.
    const live = stripeClient(emulator.stripe.liveSecretKey);
    const liveError = await rejection(live.customers.create({ source: btok }));
    expect(liveError).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(liveError).toMatchObject({ code: 'resource_missing', param: 'source', statusCode: 400 });
    expect(liveError.message).toBe(
      `No such token: '${btok}'; a similar object exists in test mode, but a live mode key was used to make this request.`,
    );
    expect(liveError.requestId).toMatch(/^req_/);

    await stripe.customers.create({ source: btok });
    const reused = await rejection(stripe.customers.create({ source: btok }));
    expect(reused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(reused).toMatchObject({ code: 'token_already_used' });

    // Removing the Plaid Item revokes its unused btoks.
    const second = await plaidBtok();
    await plaid.itemRemove({ access_token: second.accessToken });
    const revoked = await rejection(stripe.tokens.retrieve(second.btok));
    expect(revoked).toMatchObject({ code: 'resource_missing', statusCode: 404 });
    expect(accessToken).not.toBe(second.accessToken);

    const badKey = await rejection(stripeClient('sk_test_notTheEmulatorKey9876').customers.list());
    expect(badKey).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(badKey.message).toContain('9876');
    expect(badKey.message).not.toContain('notTheEmulatorKey');

    const missing = await rejection(
      stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams),
    );
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'amount' });

    await stripe.customers.create({ email: 'a@example.com' }, { idempotencyKey: 'same-key' });
    const idempotency = await rejection(
      stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'same-key' }),
    );
    expect(idempotency).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('answers injected faults in Stripe shape (rate limit with Retry-After, 5xx api_error)', async () => {
    const stripe = stripeClient();
    await emulator.control.addFault({
      path: '/v1/customers',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 2,
    });
    const limited = await rejection(stripe.customers.create({}));
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited).toMatchObject({ code: 'rate_limit', statusCode: 429 });
    expect(limited.headers?.['retry-after']).toBe('2');
    await emulator.control.addFault({ path: '/v1/customers', kind: 'status', status: 503 });
    const unavailable = await rejection(stripe.customers.create({}));
    expect(unavailable).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(unavailable.statusCode).toBe(503);
    const created = await stripe.customers.create({});
    expect(created.id).toMatch(/^cus_/);
  });
});

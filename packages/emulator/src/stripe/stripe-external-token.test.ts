import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost, rawRequest } from '../../test/emulator.test-helpers.js';
import { encodeForm, type ParamValue } from '../../test/stripe.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

// Source: Stripe changelog "Adds Plaid processor tokens for ACH Direct Debit payment methods"
// (https://docs.stripe.com/changelog/endive/2026-10-28/us-bank-account-external-token-parameter-support): "Adds the
// external_token parameter to the us_bank_account hash. Use this parameter with a Plaid processor token to create a
// verified ACH Direct Debit payment method. Set type to plaid_processor_token, and provide the token in
// plaid_processor_token", on API version 2026-10-28.preview. Neither Plaid's spec (1.697.4) nor plaid 47 lists a
// processor name for it, so the emulator enables one explicitly (`tuning.stripePlaidProcessor`).
const PREVIEW = '2026-10-28.preview';

describe('POST /v1/payment_methods with us_bank_account[external_token]', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ tuning: { stripePlaidProcessor: 'stripe' } });
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  async function stripe(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, ParamValue> = {},
    version: string | null = PREVIEW,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = encodeForm(params);
    const query = method === 'GET' && form !== '' ? `?${form}` : '';
    const answer = await rawRequest(
      `http://${emulator.stripe.host}:${emulator.stripe.port}/v1${path}${query}`,
      {
        method,
        headers: {
          authorization: `Bearer ${emulator.stripe.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          ...(version === null ? {} : { 'stripe-version': version }),
        },
        ...(method === 'POST' ? { body: form } : {}),
      },
    );
    return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
  }

  async function processorToken(processor: string, institutionId?: string): Promise<string> {
    const { accessToken } = await linkSandboxItem(emulator, institutionId ? { institutionId } : {});
    const accounts = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    const checking = (accounts.body['accounts'] as Array<Record<string, unknown>>).find(
      (account) => account['subtype'] === 'checking',
    );
    const minted = await plaidPost(emulator, '/processor/token/create', {
      access_token: accessToken,
      account_id: checking?.['account_id'],
      processor,
    });
    expect(minted.status, JSON.stringify(minted.body)).toBe(200);
    return String(minted.body['processor_token']);
  }

  const paymentMethodParams = (token: string): Record<string, ParamValue> => ({
    type: 'us_bank_account',
    us_bank_account: { external_token: { type: 'plaid_processor_token', plaid_processor_token: token } },
    metadata: { order: '42' },
  });

  it('creates a verified us_bank_account PaymentMethod once per token, attachable and debitable', async () => {
    const token = await processorToken('stripe');
    const created = await stripe('POST', '/payment_methods', paymentMethodParams(token));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({
      object: 'payment_method',
      type: 'us_bank_account',
      customer: null,
      metadata: { order: '42' },
      us_bank_account: { last4: expect.stringMatching(/^\d{4}$/), routing_number: expect.any(String) },
    });
    const paymentMethod = String(created.body['id']);
    expect(paymentMethod).toMatch(/^pm_/);
    expect(JSON.stringify(created.body)).not.toContain(token);

    const again = await stripe('POST', '/payment_methods', paymentMethodParams(token));
    expect(again.status).toBe(400);
    expect(again.body['error']).toMatchObject({
      type: 'invalid_request_error',
      param: 'us_bank_account[external_token][plaid_processor_token]',
    });

    const customer = await stripe('POST', '/customers', { email: 'ada@example.com' });
    const customerId = String(customer.body['id']);
    const attached = await stripe('POST', `/payment_methods/${paymentMethod}/attach`, {
      customer: customerId,
    });
    expect(attached.body).toMatchObject({ id: paymentMethod, customer: customerId });
    const listed = await stripe('GET', '/payment_methods', { customer: customerId, type: 'us_bank_account' });
    expect((listed.body['data'] as Array<{ id: string }>).map((method) => method.id)).toEqual([
      paymentMethod,
    ]);

    const setup = await stripe('POST', '/setup_intents', {
      customer: customerId,
      payment_method: paymentMethod,
      confirm: true,
      mandate_data: { customer_acceptance: { type: 'offline' } },
    });
    expect(setup.body).toMatchObject({ status: 'succeeded', payment_method: paymentMethod });
    const payment = await stripe('POST', '/payment_intents', {
      amount: 1500,
      currency: 'usd',
      customer: customerId,
      payment_method: paymentMethod,
      mandate: String(setup.body['mandate']),
      confirm: true,
    });
    expect(payment.status, JSON.stringify(payment.body)).toBe(200);
    expect(payment.body).toMatchObject({ status: 'processing', payment_method: paymentMethod });
  });

  it('answers parameter_unknown on an API version without external_token, and keeps the token unused', async () => {
    const token = await processorToken('stripe');
    // No header means the account's default version (2026-09-30.endive), which lacks it too.
    for (const version of ['2026-09-30.endive', '2026-08-26.preview', null]) {
      const refused = await stripe('POST', '/payment_methods', paymentMethodParams(token), version);
      expect(refused.status).toBe(400);
      expect(refused.body['error']).toMatchObject({
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        param: 'us_bank_account[external_token]',
        message: 'Received unknown parameter: us_bank_account[external_token]',
      });
    }
    expect((await stripe('POST', '/payment_methods', paymentMethodParams(token))).status).toBe(200);
  });

  it("refuses a token minted for another processor (Dwolla's) without consuming it", async () => {
    const token = await processorToken('dwolla');
    const refused = await stripe('POST', '/payment_methods', paymentMethodParams(token));
    expect(refused.status).toBe(400);
    expect(refused.body['error']).toMatchObject({
      param: 'us_bank_account[external_token][plaid_processor_token]',
    });
    expect(JSON.stringify(refused.body)).not.toContain(token);
  });

  it('gives each Item of a tokenized-account-number bank its own fingerprint', async () => {
    const first = await stripe(
      'POST',
      '/payment_methods',
      paymentMethodParams(await processorToken('stripe', 'ins_999002')),
    );
    const second = await stripe(
      'POST',
      '/payment_methods',
      paymentMethodParams(await processorToken('stripe', 'ins_999002')),
    );
    const fingerprint = (body: Record<string, unknown>) =>
      (body['us_bank_account'] as Record<string, unknown>)['fingerprint'];
    expect(fingerprint(first.body)).toEqual(expect.any(String));
    expect(fingerprint(first.body)).not.toBe(fingerprint(second.body));
  });
});

describe('the processor-token route when no Plaid processor is enabled for Stripe (the default)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it("keeps Plaid's processor list as the spec and SDK have it: stripe is refused naming the field", async () => {
    const { accessToken } = await linkSandboxItem(emulator);
    const accounts = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    const accountId = (accounts.body['accounts'] as Array<Record<string, unknown>>)[0]?.['account_id'];
    const refused = await plaidPost(emulator, '/processor/token/create', {
      access_token: accessToken,
      account_id: accountId,
      processor: 'stripe',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error_code: 'INVALID_FIELD' });
    expect(String(refused.body['error_message'])).toContain('processor must be one of');
  });
});

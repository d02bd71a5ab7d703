import { describe, expect, it } from 'vitest';
import {
  createStripeHarness,
  ONLINE_ACCEPTANCE,
  PRE_ENDIVE_ACCOUNT,
  stripeError,
} from '../../test/stripe.test-helpers.js';

/** `count` metadata keys `k0`, `k1`, ... with the value `v`. */
function manyKeys(count: number, prefix = 'k'): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, 'v']));
}

describe('Stripe parameters checked by their declared field specs', () => {
  it("keeps Stripe's metadata limits and lets `metadata=` clear every key", async () => {
    const { call } = createStripeHarness();
    expect(stripeError(await call('POST', '/customers', { metadata: manyKeys(51) }))).toEqual({
      message: 'You can have up to 50 metadata keys.',
      param: 'metadata',
      type: 'invalid_request_error',
    });
    expect(stripeError(await call('POST', '/customers', { metadata: { k: 'v'.repeat(501) } }))).toMatchObject(
      {
        message: 'Metadata values can have up to 500 characters.',
        param: 'metadata[k]',
      },
    );
    const created = await call('POST', '/customers', { metadata: manyKeys(49) });
    const id = String(created.body['id']);
    const tooMany = await call('POST', `/customers/${id}`, { metadata: manyKeys(2, 'new') });
    expect(stripeError(tooMany)).toMatchObject({ message: 'You can have up to 50 metadata keys.' });
    const cleared = await call('POST', `/customers/${id}`, {}, { rawBody: 'metadata=' });
    expect(cleared.body['metadata']).toEqual({});
  });

  it('accepts offline acceptance sent with an empty `offline` hash, and words mandate_data problems', async () => {
    const harness = createStripeHarness(PRE_ENDIVE_ACCOUNT);
    const { customer, bankAccount } = await harness.customerWithBank();
    const base: Array<[string, string]> = [
      ['customer', customer],
      ['payment_method', bankAccount],
      ['confirm', 'true'],
    ];
    const offline = new URLSearchParams([
      ...base,
      ['mandate_data[customer_acceptance][type]', 'offline'],
      ['mandate_data[customer_acceptance][offline]', ''],
    ]).toString();
    const accepted = await harness.call('POST', '/setup_intents', {}, { rawBody: offline });
    expect(accepted.body['status']).toBe('succeeded');
    const post = (mandateData: unknown) =>
      harness.call('POST', '/setup_intents', {
        customer,
        payment_method: bankAccount,
        confirm: 'true',
        mandate_data: mandateData as never,
      });
    expect(stripeError(await post('x'))).toMatchObject({ message: 'Invalid object', param: 'mandate_data' });
    const badIp = {
      customer_acceptance: { type: 'online', online: { ip_address: 'nope', user_agent: 'ua' } },
    };
    expect(stripeError(await post(badIp))).toMatchObject({
      message: 'Invalid IP address: nope',
      param: 'mandate_data[customer_acceptance][online][ip_address]',
    });
    expect(stripeError(await post({ customer_acceptance: { type: 'later' } }))).toMatchObject({
      message: 'Invalid mandate_data[customer_acceptance][type]: must be one of online, offline (got later)',
    });
    expect(stripeError(await post({ customer_acceptance: { type: 'online' } }))).toMatchObject({
      code: 'parameter_missing',
      param: 'mandate_data[customer_acceptance][online]',
    });
  });

  it('words booleans, list bounds, empty required strings and a PaymentMethod type as before', async () => {
    const { call } = createStripeHarness();
    expect(stripeError(await call('POST', '/setup_intents', { confirm: 'yes' }))).toMatchObject({
      message: 'Invalid boolean: yes',
      param: 'confirm',
    });
    for (const limit of ['0', '101']) {
      expect(stripeError(await call('GET', '/payment_intents', { limit }))).toEqual({
        message: 'This value must be greater than or equal to 1 and less than or equal to 100.',
        param: 'limit',
        type: 'invalid_request_error',
      });
    }
    const cursors = await call('GET', '/setup_intents', { starting_after: 'a', ending_before: 'b' });
    expect(stripeError(cursors)).toMatchObject({ param: 'ending_before' });
    const emptyCurrency = await call('POST', '/payment_intents', { amount: '100', currency: '' });
    expect(stripeError(emptyCurrency)).toMatchObject({ code: 'parameter_invalid_empty', param: 'currency' });
    const card = await call('POST', '/payment_methods', { type: 'card' });
    expect(stripeError(card)).toMatchObject({
      message: 'The emulator creates only us_bank_account PaymentMethods (got card).',
      param: 'type',
    });
    const mandateBoth = await call('POST', '/payment_intents', {
      amount: '100',
      currency: 'usd',
      confirm: 'true',
      mandate: 'mandate_x',
      mandate_data: ONLINE_ACCEPTANCE,
    });
    expect(stripeError(mandateBoth)).toMatchObject({ param: 'mandate' });
  });
});

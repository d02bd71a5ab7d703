import { describe, expect, it } from 'vitest';
import { createStripeHarness, LIVE_KEY, stripeError } from '../../test/stripe.test-helpers.js';
import { bankAccountFingerprint } from './stripe-bank-tokens.js';

describe('GET /v1/tokens/{btok}', () => {
  it('returns the token with its bank account, and `used` flips after attaching', async () => {
    const harness = createStripeHarness();
    const btok = harness.mintBtok({ holderName: 'Alberta Charleson' });
    const before = await harness.call('GET', `/tokens/${btok}`);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      id: btok,
      object: 'token',
      bank_account: {
        id: expect.stringMatching(/^ba_/),
        object: 'bank_account',
        account_holder_name: 'Alberta Charleson',
        account_holder_type: 'individual',
        account_type: 'checking',
        bank_name: 'STRIPE TEST BANK',
        country: 'US',
        currency: 'usd',
        fingerprint: bankAccountFingerprint('110000000', '000123456789'),
        last4: '6789',
        routing_number: '110000000',
        status: 'verified',
      },
      client_ip: null,
      created: Math.floor(harness.clock.now() / 1000),
      livemode: false,
      type: 'bank_account',
      used: false,
    });
    const customer = await harness.call('POST', '/customers', { source: btok });
    const after = await harness.call('GET', `/tokens/${btok}`);
    expect(after.body['used']).toBe(true);
    // The token's bank account id is the id the attached source gets.
    expect((after.body['bank_account'] as Record<string, unknown>)['id']).toBe(
      customer.body['default_source'],
    );
  });

  it('answers 404 resource_missing for unknown, revoked and live-mode lookups', async () => {
    const harness = createStripeHarness();
    const unknown = await harness.call('GET', '/tokens/btok_unknown');
    expect(unknown.status).toBe(404);
    expect(stripeError(unknown)).toMatchObject({ code: 'resource_missing', param: 'token' });
    const btok = harness.mintBtok({ itemId: 'item_gone' });
    const live = await harness.call('GET', `/tokens/${btok}`, {}, { key: LIVE_KEY });
    expect(live.status).toBe(404);
    expect(String(stripeError(live)['message'])).toContain('a similar object exists in test mode');
    harness.bridge.revokeItem('item_gone');
    expect((await harness.call('GET', `/tokens/${btok}`)).status).toBe(404);
  });

  it("knows Stripe's magic test tokens, which stay reusable", async () => {
    const harness = createStripeHarness();
    const token = await harness.call('GET', '/tokens/btok_us_verified_noAccount');
    expect(token.body).toMatchObject({ id: 'btok_us_verified_noAccount', used: false });
    expect((token.body['bank_account'] as Record<string, unknown>)['last4']).toBe('1116');
    const first = await harness.call('POST', '/customers', { source: 'btok_us_verified' });
    const second = await harness.call('POST', '/customers', { source: 'btok_us_verified' });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body['default_source']).not.toBe(second.body['default_source']);
  });
});

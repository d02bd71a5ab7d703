import { describe, expect, it } from 'vitest';
import { createStripeHarness, LIVE_KEY, stripeError } from '../../test/stripe.test-helpers.js';

describe('Idempotency-Key', () => {
  it('replays the first response (status, body) with Idempotent-Replayed and creates nothing new', async () => {
    const harness = createStripeHarness();
    const headers = { 'idempotency-key': 'order-1' };
    const first = await harness.call(
      'POST',
      '/customers',
      { email: 'a@example.com', metadata: { a: '1' } },
      { headers },
    );
    const second = await harness.call(
      'POST',
      '/customers',
      { metadata: { a: '1' }, email: 'a@example.com' },
      { headers },
    );
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.headers['original-request']).toBe(first.headers['request-id']);
    expect(second.headers['request-id']).not.toBe(first.headers['request-id']);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect((harness.module.snapshot()['counts'] as Record<string, number>)['customers']).toBe(1);
  });

  it('answers idempotency_error for the same key with other parameters or another endpoint', async () => {
    const harness = createStripeHarness();
    const headers = { 'idempotency-key': 'key-2' };
    await harness.call('POST', '/customers', { email: 'a@example.com' }, { headers });
    const otherParams = await harness.call('POST', '/customers', { email: 'b@example.com' }, { headers });
    expect(otherParams.status).toBe(400);
    expect(stripeError(otherParams)).toMatchObject({ type: 'idempotency_error' });
    expect(String(stripeError(otherParams)['message'])).toContain('same parameters');
    const otherEndpoint = await harness.call(
      'POST',
      '/payment_intents',
      { amount: 100, currency: 'usd' },
      { headers },
    );
    expect(stripeError(otherEndpoint)).toMatchObject({ type: 'idempotency_error' });
    expect(String(stripeError(otherEndpoint)['message'])).toContain('same endpoint');
  });

  it('scopes keys per API key', async () => {
    const harness = createStripeHarness();
    const headers = { 'idempotency-key': 'shared' };
    const test = await harness.call('POST', '/customers', { email: 'a@example.com' }, { headers });
    const live = await harness.call(
      'POST',
      '/customers',
      { email: 'a@example.com' },
      { headers, key: LIVE_KEY },
    );
    expect(live.headers['idempotent-replayed']).toBeUndefined();
    expect(live.body['id']).not.toBe(test.body['id']);
    expect(live.body['livemode']).toBe(true);
  });

  it('replays an execution error (token_already_used) but not a validation error', async () => {
    const harness = createStripeHarness();
    const btok = harness.mintBtok();
    await harness.call('POST', '/customers', { source: btok });
    const headers = { 'idempotency-key': 'err-1' };
    const failed = await harness.call('POST', '/customers', { source: btok }, { headers });
    const replayed = await harness.call('POST', '/customers', { source: btok }, { headers });
    expect(replayed.status).toBe(400);
    expect(replayed.body).toEqual(failed.body);
    expect(replayed.headers['idempotent-replayed']).toBe('true');

    const validationHeaders = { 'idempotency-key': 'err-2' };
    const invalid = await harness.call('POST', '/customers', { bogus: 'x' }, { headers: validationHeaders });
    expect(stripeError(invalid)).toMatchObject({ code: 'parameter_unknown' });
    const fixed = await harness.call('POST', '/customers', { bogus: 'x' }, { headers: validationHeaders });
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('makes a retried payment safe: the same key never confirms twice', async () => {
    const harness = createStripeHarness();
    const { customer, bankAccount } = await harness.customerWithBank();
    const params = {
      amount: 1000,
      currency: 'usd',
      customer,
      payment_method: bankAccount,
      confirm: true,
      mandate_data: { customer_acceptance: { type: 'offline' } },
    };
    const headers = { 'idempotency-key': 'pay-1' };
    const first = await harness.call('POST', '/payment_intents', params, { headers });
    const retry = await harness.call('POST', '/payment_intents', params, { headers });
    expect(retry.body['id']).toBe(first.body['id']);
    expect((harness.module.snapshot()['counts'] as Record<string, number>)['paymentIntents']).toBe(1);
  });

  it('ignores the header on GET and rejects keys over 255 characters', async () => {
    const harness = createStripeHarness();
    const get = await harness.call('GET', '/customers', {}, { headers: { 'idempotency-key': 'g' } });
    expect(get.headers['idempotent-replayed']).toBeUndefined();
    const long = await harness.call(
      'POST',
      '/customers',
      {},
      { headers: { 'idempotency-key': 'k'.repeat(256) } },
    );
    expect(long.status).toBe(400);
    expect(stripeError(long)).toMatchObject({ type: 'invalid_request_error' });
  });
});

// Stripe API reference, "Idempotent requests" (docs.stripe.com/idempotency): "You can remove keys
// from the system automatically after they're at least 24 hours old. We generate a new request if a key is
// reused after the original is pruned."
describe('Idempotency-Key pruning after 24 emulated hours', () => {
  it('replays within 24 h and runs a reused key as a new request 25 h later', async () => {
    const harness = createStripeHarness();
    const headers = { 'idempotency-key': 'order-25h' };
    const first = await harness.call('POST', '/customers', { email: 'a@example.com' }, { headers });
    harness.clock.advance(23 * 60 * 60 * 1000);
    const replay = await harness.call('POST', '/customers', { email: 'a@example.com' }, { headers });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body['id']).toBe(first.body['id']);
    harness.clock.advance(2 * 60 * 60 * 1000);
    const fresh = await harness.call('POST', '/customers', { email: 'a@example.com' }, { headers });
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(fresh.body['id']).not.toBe(first.body['id']);
    expect((harness.module.snapshot()['counts'] as Record<string, number>)['customers']).toBe(2);
    // Pruned keys accept other parameters too (the old request is forgotten).
    harness.clock.advance(25 * 60 * 60 * 1000);
    const other = await harness.call('POST', '/customers', { email: 'b@example.com' }, { headers });
    expect(other.status).toBe(200);
  });
});

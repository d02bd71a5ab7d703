import { describe, expect, it } from 'vitest';
import { bodyOf, createDwollaHarness } from '../../test/dwolla.test-helpers.js';
import { DWOLLA_IDEMPOTENCY_TTL_MS } from './dwolla-idempotency.js';

const customer = { firstName: 'Jane', lastName: 'Doe', email: 'idem@example.com' };

describe('Idempotency-Key', () => {
  it('replays the original 201 + Location for the same key and body without creating another resource', async () => {
    const harness = createDwollaHarness();
    const headers = { 'idempotency-key': '19051a62-3403-11e6-ac61-9e71128cae77' };
    const first = await harness.call('POST', '/customers', { body: customer, headers });
    const retry = await harness.call('POST', '/customers', { body: customer, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers?.['location']).toBe(first.headers?.['location']);
    expect(bodyOf(await harness.call('GET', '/customers'))['total']).toBe(1);
    expect(harness.module.snapshot()['idempotencyKeys']).toBe(1);
  });

  it('without a key the retry is a new request (here: a duplicate-email error)', async () => {
    const harness = createDwollaHarness();
    await harness.call('POST', '/customers', { body: customer });
    const retry = await harness.call('POST', '/customers', { body: customer });
    expect(retry.status).toBe(400);
  });

  it('replays funding-source creation instead of answering DuplicateResource', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const body = { plaidToken: harness.mintProcessorToken(), name: 'Checking' };
    const headers = { 'idempotency-key': 'fs-key-1' };
    const first = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body, headers });
    const retry = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers?.['location']).toBe(first.headers?.['location']);
    expect(
      harness.module.events().filter((event) => event.topic === 'customer_funding_source_added'),
    ).toHaveLength(1);
  });

  it('processes the same key with a different body as a new request (only exact-match bodies are replayed)', async () => {
    const harness = createDwollaHarness();
    const headers = { 'idempotency-key': 'reused-key' };
    const first = await harness.call('POST', '/customers', { body: customer, headers });
    const different = await harness.call('POST', '/customers', {
      body: { ...customer, email: 'other@example.com' },
      headers,
    });
    expect(different.status).toBe(201);
    expect(different.headers?.['location']).not.toBe(first.headers?.['location']);
  });

  it('does not remember failures, so a corrected retry with the same key succeeds', async () => {
    const harness = createDwollaHarness();
    const customerId = await harness.createCustomer();
    const headers = { 'idempotency-key': 'after-failure' };
    const body = { plaidToken: 'processor-sandbox-not-yet', name: 'Checking' };
    const failed = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body, headers });
    expect(failed.status).toBe(400);
    harness.bridge.mint(
      'dwolla',
      'processor-sandbox-not-yet',
      {
        itemId: 'i',
        accountId: 'a',
        institutionId: 'ins_1',
        institutionName: 'Bank',
        accountName: 'Checking',
        accountMask: '0000',
        accountType: 'checking',
        routingNumber: '011401533',
        accountNumber: '1111222233330000',
        holderName: 'Jane',
      },
      harness.clock.now(),
    );
    const retried = await harness.call('POST', `/customers/${customerId}/funding-sources`, { body, headers });
    expect(retried.status).toBe(201);
  });

  it('forgets keys after 24 hours of emulated time', async () => {
    const harness = createDwollaHarness(3 * 24 * 3600);
    const headers = { 'idempotency-key': 'expiring' };
    const first = await harness.call('POST', '/customers', { body: customer, headers });
    harness.clock.advance(DWOLLA_IDEMPOTENCY_TTL_MS - 1);
    const stillReplayed = await harness.call('POST', '/customers', { body: customer, headers });
    expect(stillReplayed.headers?.['location']).toBe(first.headers?.['location']);
    harness.clock.advance(1);
    const afterExpiry = await harness.call('POST', '/customers', { body: customer, headers });
    expect(afterExpiry.status).toBe(400);
    expect(JSON.stringify(afterExpiry.body)).toContain('Duplicate');
  });

  it('scopes a key to its path', async () => {
    const harness = createDwollaHarness();
    const a = await harness.createCustomer();
    const b = await harness.createCustomer();
    const body = { plaidToken: harness.mintProcessorToken(), name: 'Checking' };
    const headers = { 'idempotency-key': 'same-key' };
    const first = await harness.call('POST', `/customers/${a}/funding-sources`, { body, headers });
    const second = await harness.call('POST', `/customers/${b}/funding-sources`, { body, headers });
    expect(second.status).toBe(201);
    expect(second.headers?.['location']).not.toBe(first.headers?.['location']);
  });

  it('still requires authentication for a replay', async () => {
    const harness = createDwollaHarness();
    const headers = { 'idempotency-key': 'auth-first' };
    await harness.call('POST', '/customers', { body: customer, headers });
    const anonymous = await harness.call('POST', '/customers', { body: customer, headers, anonymous: true });
    expect(anonymous.status).toBe(401);
  });
});

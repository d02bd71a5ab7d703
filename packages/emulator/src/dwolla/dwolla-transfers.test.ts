import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  createDwollaHarness,
  type DwollaHarness,
  idFromLocation,
  TEST_BASE,
} from '../../test/dwolla.test-helpers.js';
import { DWOLLA_ACCOUNT_BALANCE_ID } from './dwolla-account-funding-sources.js';
import { DWOLLA_ACCOUNT_ID } from './dwolla-events.js';
import { DWOLLA_TRANSFER_SETTLEMENT_MS } from './dwolla-transfers.js';

const ACCOUNT_BALANCE = `${TEST_BASE}/funding-sources/${DWOLLA_ACCOUNT_BALANCE_ID}`;

async function bank(
  harness: DwollaHarness,
  name = 'Checking',
  customerOverrides: Record<string, unknown> = {},
) {
  const customerId = await harness.createCustomer(customerOverrides);
  const response = await harness.call('POST', `/customers/${customerId}/funding-sources`, {
    body: { plaidToken: harness.mintProcessorToken(), name },
  });
  return { customerId, fundingSourceId: idFromLocation(response) };
}

async function transfer(
  harness: DwollaHarness,
  sourceId: string,
  value = '1.00',
  destination = ACCOUNT_BALANCE,
) {
  const response = await harness.call('POST', '/transfers', {
    body: {
      _links: {
        source: { href: `${TEST_BASE}/funding-sources/${sourceId}` },
        destination: { href: destination },
      },
      amount: { currency: 'USD', value },
      metadata: { order: 'o-1' },
    },
  });
  expect(response.status).toBe(201);
  return idFromLocation(response);
}

/** Calls with a fresh bearer token (advancing the clock by days expires the harness's cached one). */
async function fresh(harness: DwollaHarness, method: string, path: string, body?: unknown) {
  const authorization = `Bearer ${await harness.token()}`;
  return harness.call(method, path, { headers: { authorization }, ...(body === undefined ? {} : { body }) });
}

const statusOf = async (harness: DwollaHarness, id: string) =>
  bodyOf(await fresh(harness, 'GET', `/transfers/${id}`))['status'];

const topicsOf = (harness: DwollaHarness, id: string) =>
  harness.module
    .events()
    .filter((event) => event.resourceId === id)
    .map((event) => event.topic);

describe('Dwolla transfers', () => {
  it('a customer bank → account balance transfer is pending, then processed once the clock passes settlement', async () => {
    const harness = createDwollaHarness();
    const { customerId, fundingSourceId } = await bank(harness);
    const id = await transfer(harness, fundingSourceId);
    const pending = bodyOf(await harness.call('GET', `/transfers/${id}`));
    expect(pending).toMatchObject({
      id,
      status: 'pending',
      amount: { value: '1.00', currency: 'USD' },
      metadata: { order: 'o-1' },
      _links: {
        source: { href: `${TEST_BASE}/customers/${customerId}` },
        destination: { href: `${TEST_BASE}/accounts/${DWOLLA_ACCOUNT_ID}` },
        cancel: { href: `${TEST_BASE}/transfers/${id}` },
      },
    });
    expect(topicsOf(harness, id)).toEqual(['customer_transfer_created', 'transfer_created']);

    harness.clock.advance(DWOLLA_TRANSFER_SETTLEMENT_MS - 1);
    expect(await statusOf(harness, id)).toBe('pending');
    harness.clock.advance(1);
    expect(await statusOf(harness, id)).toBe('processed');
    expect(topicsOf(harness, id)).toEqual([
      'customer_transfer_created',
      'transfer_created',
      'customer_transfer_completed',
      'transfer_completed',
    ]);
    expect((await fresh(harness, 'GET', `/transfers/${id}/failure`)).status).toBe(404);
  });

  it.each(['R01', 'R02', 'R10'])(
    'a funding source named %s fails the transfer with that return code',
    async (code) => {
      const harness = createDwollaHarness();
      const { customerId, fundingSourceId } = await bank(harness, code);
      const id = await transfer(harness, fundingSourceId);
      harness.clock.advance(DWOLLA_TRANSFER_SETTLEMENT_MS);
      const failed = bodyOf(await fresh(harness, 'GET', `/transfers/${id}`));
      expect(failed['status']).toBe('failed');
      expect(failed['_links']).toMatchObject({ failure: { href: `${TEST_BASE}/transfers/${id}/failure` } });
      const failure = bodyOf(await fresh(harness, 'GET', `/transfers/${id}/failure`));
      expect(failure).toMatchObject({
        code,
        _links: {
          'failed-funding-source': { href: `${TEST_BASE}/funding-sources/${fundingSourceId}` },
          customer: { href: `${TEST_BASE}/customers/${customerId}` },
        },
      });
      expect(typeof failure['description']).toBe('string');
      expect(topicsOf(harness, id)).toContain('customer_transfer_failed');
    },
  );

  it('R03 also removes the funding source; a verified customer bank gets customer_bank_transfer events', async () => {
    const harness = createDwollaHarness();
    const { fundingSourceId } = await bank(harness, 'R03', {
      type: 'personal',
      address1: '1 Main St',
      city: 'Des Moines',
      state: 'IA',
      postalCode: '50309',
      dateOfBirth: '1980-01-01',
      ssn: '1234',
    });
    const id = await transfer(harness, fundingSourceId);
    harness.clock.advance(DWOLLA_TRANSFER_SETTLEMENT_MS);
    expect(await statusOf(harness, id)).toBe('failed');
    expect(bodyOf(await fresh(harness, 'GET', `/funding-sources/${fundingSourceId}`))['removed']).toBe(true);
    expect(topicsOf(harness, id)).toEqual([
      'customer_bank_transfer_created',
      'customer_transfer_created',
      'transfer_created',
      'customer_bank_transfer_failed',
      'customer_transfer_failed',
      'transfer_failed',
    ]);
  });

  it('R01-late is processed first and returned later; sandbox-simulations steps it without the clock', async () => {
    const harness = createDwollaHarness();
    const { fundingSourceId } = await bank(harness, 'R01-late');
    const id = await transfer(harness, fundingSourceId);
    expect(bodyOf(await harness.call('POST', '/sandbox-simulations'))['total']).toBe(1);
    expect(await statusOf(harness, id)).toBe('processed');
    expect(bodyOf(await harness.call('POST', '/sandbox-simulations'))['total']).toBe(1);
    expect(await statusOf(harness, id)).toBe('failed');
    expect(bodyOf(await harness.call('GET', `/transfers/${id}/failure`))['code']).toBe('R01');
    expect(bodyOf(await harness.call('POST', '/sandbox-simulations'))['total']).toBe(0);
  });

  it('cancels only while pending', async () => {
    const harness = createDwollaHarness();
    const { fundingSourceId } = await bank(harness);
    const id = await transfer(harness, fundingSourceId);
    const cancelled = await harness.call('POST', `/transfers/${id}`, { body: { status: 'cancelled' } });
    expect(cancelled.status).toBe(200);
    expect(bodyOf(cancelled)['status']).toBe('cancelled');
    harness.clock.advance(DWOLLA_TRANSFER_SETTLEMENT_MS);
    expect(await statusOf(harness, id)).toBe('cancelled');
    const again = await fresh(harness, 'POST', `/transfers/${id}`, { status: 'cancelled' });
    expect(again.status).toBe(400);
    expect(bodyOf(again)).toMatchObject({
      code: 'ValidationError',
      _embedded: { errors: [{ code: 'NotAllowed', path: '/status' }] },
    });
    const bad = await fresh(harness, 'POST', `/transfers/${id}`, { status: 'processed' });
    expect(bodyOf(bad)).toMatchObject({ _embedded: { errors: [{ code: 'Invalid', path: '/status' }] } });
  });

  it('an Idempotency-Key replay creates one transfer', async () => {
    const harness = createDwollaHarness();
    const { fundingSourceId } = await bank(harness);
    const body = {
      _links: {
        source: { href: `${TEST_BASE}/funding-sources/${fundingSourceId}` },
        destination: { href: ACCOUNT_BALANCE },
      },
      amount: { currency: 'USD', value: '1.00' },
    };
    const headers = { 'idempotency-key': 'b3c1f2de-0000-4000-8000-000000000001' };
    const first = await harness.call('POST', '/transfers', { body, headers });
    const second = await harness.call('POST', '/transfers', { body, headers });
    expect(idFromLocation(second)).toBe(idFromLocation(first));
    expect(harness.module.events().filter((event) => event.topic === 'transfer_created')).toHaveLength(1);
  });

  it('rejects bad input with embedded errors naming the field, and unknown ids with 404', async () => {
    const harness = createDwollaHarness();
    const { fundingSourceId } = await bank(harness);
    const bad = await harness.call('POST', '/transfers', {
      body: {
        _links: { source: { href: `${TEST_BASE}/funding-sources/${fundingSourceId}` } },
        amount: { currency: 'EUR', value: '-1' },
      },
    });
    expect(bad.status).toBe(400);
    expect(
      (bodyOf(bad)['_embedded'] as { errors: Array<{ path: string }> }).errors.map((e) => e.path),
    ).toEqual(['/_links/destination/href', '/amount/value', '/amount/currency']);
    const unknown = await harness.call('POST', '/transfers', {
      body: {
        _links: {
          source: { href: `${TEST_BASE}/funding-sources/00000000-0000-4000-8000-000000000000` },
          destination: { href: ACCOUNT_BALANCE },
        },
        amount: { currency: 'USD', value: '1.00' },
      },
    });
    expect(bodyOf(unknown)).toMatchObject({
      _embedded: { errors: [{ message: 'Funding source not found.' }] },
    });
    expect((await harness.call('GET', '/transfers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await harness.call('POST', '/transfers', { rawBody: 'nope' })).status).toBe(400);
  });

  it('lists the account balance and a customer’s transfers', async () => {
    const harness = createDwollaHarness();
    const { customerId, fundingSourceId } = await bank(harness);
    const id = await transfer(harness, fundingSourceId);
    const balances = bodyOf(await harness.call('GET', `/accounts/${DWOLLA_ACCOUNT_ID}/funding-sources`));
    expect(balances).toMatchObject({
      _embedded: { 'funding-sources': [{ id: DWOLLA_ACCOUNT_BALANCE_ID, type: 'balance' }] },
    });
    const listed = bodyOf(await harness.call('GET', `/customers/${customerId}/transfers`));
    expect(listed).toMatchObject({ total: 1, _embedded: { transfers: [{ id }] } });
  });
});

import { createPlaidClient, NetworkError, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dwollaKit, sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import type { DwollaAdapter } from './dwolla-adapter.js';
import type { DwollaClientSettings } from './dwolla-client-settings.js';

let emulator: RunningEmulator;

function plaidClient(): PlaidClient {
  return createPlaidClient(emulatorSettings(emulator).plaid);
}

function setup(settings: DwollaClientSettings = {}): { plaid: PlaidClient; adapter: DwollaAdapter } {
  const { plaid, adapter } = dwollaKit(emulator, {
    plaid: plaidClient(),
    dwolla: { ...settings, retry: { initialDelayMs: 5, ...settings.retry } },
  });
  return { plaid, adapter };
}

/** A linked sandbox Item: its access token, item id and checking account id. */
const sandboxItem = (plaid: PlaidClient) => sandboxAccount(plaid);

async function newCustomer(adapter: DwollaAdapter, email = 'jane.doe@example.com') {
  return adapter.createCustomer({ firstName: 'Jane', lastName: 'Doe', email });
}

describe('Dwolla adapter against the emulator', () => {
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    await emulator.control.reset();
  });

  it('sandbox public token → link → a verified funding source', async () => {
    const { plaid, adapter } = setup();
    const customer = await newCustomer(adapter);
    expect(customer).toMatchObject({ created: true, type: 'unverified', status: 'unverified' });
    const item = await sandboxItem(plaid);
    // Link hands the app a fresh public token for the Item; the emulator's control API mints one.
    const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(item.itemId);
    const result = await adapter.link({
      publicToken,
      accountId: item.accountId,
      customer: customer.url,
      name: 'Jane Doe Checking',
    });
    expect(result).toMatchObject({
      processor: 'dwolla',
      itemId: item.itemId,
      accountId: item.accountId,
      customerId: customer.id,
      created: true,
    });
    expect(result.accessToken).toMatch(/^access-sandbox-/);
    // The access token is readable by name but never enumerable: logs, spreads and JSON never carry it.
    expect(Object.keys(result)).not.toContain('accessToken');
    expect(JSON.stringify(result)).not.toContain(result.accessToken);
    expect({ ...result }).not.toHaveProperty('accessToken');
    expect(result.fundingSource).toMatchObject({
      status: 'verified',
      type: 'bank',
      name: 'Jane Doe Checking',
      bankAccountType: 'checking',
      created: true,
      removed: false,
    });
    expect(result.fundingSource.url).toBe(
      `${emulator.dwolla.baseUrl}/funding-sources/${result.fundingSource.id}`,
    );
    // The id comes from the create answer's Location (no read-back), so what only a read knows is null there;
    // a read agrees with everything the create result states.
    expect(result.fundingSource).toMatchObject({ bankName: null, fingerprint: null, createdAt: null });
    const read = await adapter.getFundingSource(result.fundingSource.id);
    expect(read.bankName).toBeTruthy();
    expect(read).toMatchObject({
      id: result.fundingSource.id,
      url: result.fundingSource.url,
      status: result.fundingSource.status,
      type: result.fundingSource.type,
      name: result.fundingSource.name,
      bankAccountType: result.fundingSource.bankAccountType,
      removed: result.fundingSource.removed,
      channels: result.fundingSource.channels,
      customerUrl: result.fundingSource.customerUrl,
    });
    const listed = await adapter.listFundingSources(customer.id, { removed: false });
    expect(listed.map((source) => source.id)).toEqual([result.fundingSource.id]);
  });

  it('link twice → one funding source (second run: created false, same id)', async () => {
    const { plaid, adapter } = setup();
    const customer = await newCustomer(adapter);
    const item = await sandboxItem(plaid);
    const input = {
      accessToken: item.accessToken,
      accountId: item.accountId,
      customer: customer.id,
      name: 'Checking',
    };
    const first = await adapter.link(input);
    const second = await adapter.link(input);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.fundingSource.id).toBe(first.fundingSource.id);
    expect(await adapter.listFundingSources(customer.id)).toHaveLength(1);
    const state = await emulator.control.state();
    expect(JSON.stringify(state.dwolla)).toContain(first.fundingSource.id);
  });

  it('a lost response on the funding source POST is retried with the same key and returns the one created', async () => {
    const { plaid, adapter } = setup();
    const customer = await newCustomer(adapter);
    const item = await sandboxItem(plaid);
    await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'lost_response',
    });
    const result = await adapter.link({
      accessToken: item.accessToken,
      accountId: item.accountId,
      customer: customer.id,
      name: 'Checking',
    });
    expect(result.fundingSource.status).toBe('verified');
    expect(await adapter.listFundingSources(customer.id)).toHaveLength(1);
    const [fault] = await emulator.control.faults();
    expect(fault).toBeUndefined();
  });

  it('a crash after a lost response (no retries) → re-run returns the same funding source', async () => {
    const crashing = setup({ retry: { maxRetries: 0 } });
    const customer = await newCustomer(crashing.adapter);
    const item = await sandboxItem(crashing.plaid);
    await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'lost_response',
    });
    const input = {
      accessToken: item.accessToken,
      accountId: item.accountId,
      customer: customer.id,
      name: 'Checking',
    };
    const error = await crashing.adapter.link(input).catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error)).toBe(true);
    // The funding source was made even though the answer never arrived.
    const made = await crashing.adapter.listFundingSources(customer.id);
    expect(made).toHaveLength(1);
    // A fresh process re-runs link: new processor token, same derived key → the same funding source.
    const rerun = await setup().adapter.link(input);
    expect(rerun.created).toBe(false);
    expect(rerun.fundingSource.id).toBe(made[0]?.id);
    expect(await crashing.adapter.listFundingSources(customer.id)).toHaveLength(1);
  });

  it('the Secure Exchange path makes a verified funding source, and a re-run finds it', async () => {
    const { plaid, adapter } = setup();
    const customer = await newCustomer(adapter);
    const item = await sandboxItem(plaid);
    const input = {
      accessToken: item.accessToken,
      accountId: item.accountId,
      customer: customer.id,
      name: 'Exchange Checking',
      method: 'exchange' as const,
    };
    const first = await adapter.link(input);
    expect(first.fundingSource).toMatchObject({
      status: 'verified',
      created: true,
      bankAccountType: 'checking',
    });
    const second = await adapter.link(input);
    expect(second.fundingSource).toMatchObject({ id: first.fundingSource.id, created: false });
    expect(await adapter.listFundingSources(customer.id)).toHaveLength(1);
  });

  it('removes a funding source, and removing it again is harmless', async () => {
    const { plaid, adapter } = setup();
    const customer = await newCustomer(adapter);
    const item = await sandboxItem(plaid);
    const linked = await adapter.link({
      accessToken: item.accessToken,
      accountId: item.accountId,
      customer: customer.id,
      name: 'Checking',
    });
    const removed = await adapter.removeFundingSource(linked.fundingSource.url);
    expect(removed).toMatchObject({ id: linked.fundingSource.id, removed: true });
    expect((await adapter.removeFundingSource(linked.fundingSource.id)).removed).toBe(true);
    expect(await adapter.listFundingSources(customer.id, { removed: false })).toHaveLength(0);
    expect((await adapter.getFundingSource(linked.fundingSource.id)).removed).toBe(true);
  });

  it('createCustomer is idempotent and a duplicate email returns the existing customer', async () => {
    const { adapter } = setup();
    const first = await newCustomer(adapter, 'same@example.com');
    const again = await newCustomer(adapter, 'same@example.com');
    expect(first.created).toBe(true);
    // An identical repeat: the same customer, and the result says it was not created now.
    expect(again).toMatchObject({ id: first.id, created: false });
    const otherName = await adapter.createCustomer({
      firstName: 'Janet',
      lastName: 'Doe',
      email: 'same@example.com',
    });
    expect(otherName).toMatchObject({ id: first.id, created: false });
  });

  it('survives an HTML 503 and a 429 with Retry-After on the way', async () => {
    const { plaid, adapter } = setup();
    const customer = await newCustomer(adapter);
    const item = await sandboxItem(plaid);
    await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'status',
      status: 503,
      html: true,
    });
    // Faults apply in order, one request each: the create meets the 503, then the 429, then succeeds.
    await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 0,
    });
    const result = await adapter.link({
      accessToken: item.accessToken,
      accountId: item.accountId,
      customer: customer.id,
      name: 'Checking',
    });
    expect(result.fundingSource.status).toBe('verified');
    expect(await emulator.control.faults()).toEqual([]);
  });

  it('an expired bearer token (401 ExpiredAccessToken) is refreshed once and the call succeeds', async () => {
    const lines: string[] = [];
    const record = (message: string): void => {
      lines.push(message);
    };
    const { adapter } = setup({ logger: { debug: record, info: record, warn: record, error: record } });
    const customer = await newCustomer(adapter);
    await emulator.control.advanceClock(2 * 60 * 60 * 1000);
    const list = await adapter.listFundingSources(customer.id);
    expect(list).toEqual([]);
    expect(lines.filter((line) => line.includes('ExpiredAccessToken'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('fetched an application access token'))).toHaveLength(2);
  });

  it('reports Dwolla errors as typed errors (unknown customer → NotFound)', async () => {
    const { plaid, adapter } = setup();
    const item = await sandboxItem(plaid);
    const error = await adapter
      .link({
        accessToken: item.accessToken,
        accountId: item.accountId,
        customer: '00000000-0000-4000-8000-000000000000',
        name: 'Checking',
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'DwollaApiError',
      code: 'NotFound',
      status: 404,
      provider: 'dwolla',
    });
    expect(String(error)).not.toMatch(/processor-sandbox-|access-sandbox-/);
  });
});

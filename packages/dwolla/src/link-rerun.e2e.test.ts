import { PlaidApiError } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dwollaKit, sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import { createDwollaAdapter } from './dwolla-adapter.js';

describe('link with a public token, re-run after a later step failed', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('reuses the exchange instead of failing with INVALID_PUBLIC_TOKEN, and makes one funding source', async () => {
    const { plaid, dwolla, adapter } = dwollaKit(emulator, { dwolla: { maxRetries: 0 } });
    const customer = await adapter.createCustomer({
      firstName: 'Memo',
      lastName: 'Test',
      email: 'memo@example.com',
    });
    const { itemId, accountId } = await sandboxAccount(plaid);
    const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
    const input = { publicToken, accountId, customer: customer.id, name: 'Checking' };

    await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'status',
      status: 500,
    });
    await expect(adapter.link(input)).rejects.toMatchObject({ code: 'ServerError' });
    const rerun = await adapter.link(input);
    const again = await adapter.link(input);

    expect(rerun.fundingSource.id).toBe(again.fundingSource.id);
    expect(again.created).toBe(false);
    expect(rerun.accessToken).toMatch(/^access-sandbox-/);
    expect(await adapter.listFundingSources(customer.id, { removed: false })).toHaveLength(1);
    // A second adapter has no memory of the exchange: the public token is spent, as Plaid says.
    const other = createDwollaAdapter({ plaid, dwolla });
    const error = await other.link(input).catch((reason: unknown) => reason);
    expect(PlaidApiError.isInstance(error) && error.errorCode).toBe('INVALID_PUBLIC_TOKEN');
  });
});

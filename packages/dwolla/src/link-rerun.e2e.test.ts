import { createPlaidClient, PlaidApiError } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDwollaAdapter } from './dwolla-adapter.js';
import { createDwollaClient } from './dwolla-client.js';

describe('link with a public token, re-run after a later step failed', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('reuses the exchange instead of failing with INVALID_PUBLIC_TOKEN, and makes one funding source', async () => {
    const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
    const dwolla = createDwollaClient({
      ...emulatorSettings(emulator).dwolla,
      maxRetries: 0,
    });
    const adapter = createDwollaAdapter({ plaid, dwolla });
    const customer = await adapter.createCustomer({
      firstName: 'Memo',
      lastName: 'Test',
      email: 'memo@example.com',
    });
    const { publicToken: first } = await plaid.sandbox.createPublicToken({
      institutionId: 'ins_109508',
      initialProducts: ['auth'],
    });
    const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: first });
    const { accounts } = await plaid.getAccounts({ accessToken });
    const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId ?? '';
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

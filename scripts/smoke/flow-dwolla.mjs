// Full Dwolla flow with the packages installed from the smoke registry (run inside the consumer project):
// the installed emulator serves Plaid Sandbox and Dwolla Sandbox; core's Plaid client makes and exchanges a
// Link token; @achbridge/dwolla turns the account into a funding source, and a re-run creates no duplicate.
import assert from 'node:assert/strict';
import { createPlaidClient, InputValidationError } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient, DwollaApiError } from '@achbridge/dwolla';
import { startEmulator } from '@achbridge/emulator';

const emulator = await startEmulator();
try {
  const plaidSettings = {
    baseUrl: emulator.plaid.baseUrl,
    clientId: emulator.plaid.clientId,
    secret: emulator.plaid.secret,
  };
  const plaid = createPlaidClient({ environment: 'sandbox', ...plaidSettings });
  const dwolla = createDwollaClient({
    environment: 'sandbox',
    baseUrl: emulator.dwolla.baseUrl,
    key: emulator.dwolla.key,
    secret: emulator.dwolla.secret,
  });
  const adapter = createDwollaAdapter({ plaid, dwolla });

  // What Plaid Link would hand the browser: a public token and the chosen checking account.
  const sandboxToken = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: sandboxToken.publicToken });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const checking = accounts.find((account) => account.subtype === 'checking');
  assert.ok(checking, 'the sandbox item has a checking account');
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);

  const customer = await adapter.createCustomer({
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@example.com',
  });
  const first = await adapter.link({
    publicToken,
    accountId: checking.accountId,
    customer: customer.id,
    name: 'Jane Doe Checking',
  });
  assert.equal(first.processor, 'dwolla');
  assert.equal(first.itemId, itemId);
  assert.equal(first.created, true);
  assert.equal(first.fundingSource.status, 'verified');

  // Re-running with the access token (as after a crash) returns the same funding source.
  const again = await adapter.link({
    accessToken: first.accessToken,
    accountId: checking.accountId,
    customer: customer.id,
    name: 'Jane Doe Checking',
  });
  assert.equal(again.created, false);
  assert.equal(again.fundingSource.id, first.fundingSource.id);
  const sources = await adapter.listFundingSources(customer.id, { removed: false });
  assert.equal(sources.filter((source) => source.id === first.fundingSource.id).length, 1);

  // Typed errors cross the package boundary intact.
  await assert.rejects(adapter.link({ accountId: '', customer: customer.id, name: 'x' }), (error) =>
    InputValidationError.isInstance(error),
  );
  await assert.rejects(adapter.getFundingSource('00000000-0000-4000-8000-000000000000'), (error) =>
    DwollaApiError.isInstance(error),
  );
  console.log(
    `flow dwolla: funding source ${first.fundingSource.id} verified, re-run returned it (created: false)`,
  );
} finally {
  await emulator.close();
}

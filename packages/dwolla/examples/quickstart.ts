import { createPlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient } from '@achbridge/dwolla';

// Plaid Sandbox pairs with Dwolla Sandbox (and Production with Production).
const plaid = createPlaidClient({ environment: 'sandbox' }); // PLAID_CLIENT_ID / PLAID_SECRET
const dwolla = createDwollaClient({ environment: 'sandbox' }); // DWOLLA_KEY / DWOLLA_SECRET
const adapter = createDwollaAdapter({ plaid, dwolla });

// In your app, Link's onSuccess gives you { publicToken, accountId }: pass them to link() as they are.
// In Sandbox you can create an Item without Link, exchange it once and pass the access token instead:
const { publicToken } = await plaid.sandbox.createPublicToken({
  institutionId: 'ins_109508',
  initialProducts: ['auth'],
});
const { accessToken } = await plaid.exchangePublicToken({ publicToken }); // store it, encrypted
const { accounts } = await plaid.getAccounts({ accessToken });
const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId ?? '';

const customer = await adapter.createCustomer({
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane@example.com',
});

// Re-running link never makes a second funding source.
const result = await adapter.link({
  accessToken,
  accountId,
  customer: customer.id,
  name: 'Jane Doe Checking',
});
// Pay with result.fundingSource.url (see Transfers below).
console.log(result.fundingSource.status, result.created); // 'verified' true

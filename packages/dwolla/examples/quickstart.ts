import { createPlaidClient, type PlaidClientSettings } from '@achbridge/core';
import {
  createDwollaAdapter,
  createDwollaClient,
  type DwollaClientSettings,
  type DwollaLinkResult,
} from '@achbridge/dwolla';

/** What the README quickstart needs: Link's onSuccess values, plus optional client settings (e.g. the emulator). */
export interface QuickstartInput {
  publicToken: string;
  accountId: string;
  plaid?: PlaidClientSettings;
  dwolla?: DwollaClientSettings;
}

/** The README quickstart: a Plaid Link account becomes a verified Dwolla funding source. */
export async function quickstart({
  publicToken,
  accountId,
  ...settings
}: QuickstartInput): Promise<DwollaLinkResult> {
  // Plaid Sandbox pairs with Dwolla Sandbox (and Production with Production); credentials come from
  // PLAID_CLIENT_ID / PLAID_SECRET and DWOLLA_KEY / DWOLLA_SECRET unless passed in.
  const plaid = createPlaidClient({ environment: 'sandbox', ...settings.plaid });
  const dwolla = createDwollaClient({ environment: 'sandbox', ...settings.dwolla });
  const adapter = createDwollaAdapter({ plaid, dwolla });

  const customer = await adapter.createCustomer({
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@example.com',
  });

  // publicToken and accountId come from Plaid Link's onSuccess; re-running link never makes a second funding source.
  const result = await adapter.link({
    publicToken,
    accountId,
    customer: customer.id,
    name: 'Jane Doe Checking',
  });
  // Keep result.accessToken (encrypted) for re-runs; pay with result.fundingSource.url.
  return result;
}

import { createPlaidClient, type PlaidClientSettings } from '@achbridge/core';
import {
  createModernTreasuryAdapter,
  type ModernTreasuryLinkResult,
  type ModernTreasuryPaymentOrder,
  type ModernTreasurySettings,
} from '@achbridge/modern-treasury';

/** What the README quickstart needs: Link's onSuccess values, plus optional settings (e.g. the emulator). */
export interface QuickstartInput {
  publicToken: string;
  accountId: string;
  plaid?: PlaidClientSettings;
  modernTreasury?: ModernTreasurySettings;
}

/** The README quickstart: a Plaid Link account becomes a verified external account, debited by ACH. */
export async function quickstart({
  publicToken,
  accountId,
  ...settings
}: QuickstartInput): Promise<{ linked: ModernTreasuryLinkResult; order: ModernTreasuryPaymentOrder }> {
  // Plaid Sandbox pairs with a Modern Treasury sandbox API key; credentials come from PLAID_CLIENT_ID /
  // PLAID_SECRET and MODERN_TREASURY_ORGANIZATION_ID / MODERN_TREASURY_API_KEY unless passed in.
  const plaid = createPlaidClient({ environment: 'sandbox', ...settings.plaid });
  const mt = createModernTreasuryAdapter({
    plaid,
    modernTreasury: { environment: 'sandbox', ...settings.modernTreasury },
  });

  const counterparty = await mt.createCounterparty({ name: 'Jane Doe', externalId: 'customer-1' });
  // publicToken and accountId come from Plaid Link's onSuccess; re-running link never makes a second account.
  const linked = await mt.link({ publicToken, accountId, counterparty: counterparty.id });

  const [operating] = (await mt.listInternalAccounts()).filter((account) => account.achDebit);
  if (operating === undefined) throw new Error('no internal account can originate ACH debits');
  const order = await mt.createAchDebit({
    externalAccountId: linked.externalAccount.id,
    originatingAccountId: operating.id,
    amount: 1099, // cents
    idempotencyKey: 'order-1099', // one per payment: a retry or re-run never debits twice
  });
  return { linked, order };
}

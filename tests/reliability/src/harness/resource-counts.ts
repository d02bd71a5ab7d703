import type { EmulatorState } from '@achbridge/emulator';

/** How many objects the emulator holds, and the most found for one logical key (a duplicate shows as > 1). */
export interface ResourceCounts {
  /** Stripe bank accounts in total. */
  stripeBankAccounts: number;
  /** Most Stripe bank accounts for one (customer, fingerprint). */
  stripeBankAccountsPerKey: number;
  /** Most Stripe customers for one email. */
  stripeCustomersPerEmail: number;
  /** Most SetupIntents (mandates) for one (customer, bank account). */
  stripeSetupIntentsPerKey: number;
  /** Stripe PaymentIntents in total. */
  stripePaymentIntents: number;
  /** Dwolla bank funding sources that are not removed. */
  dwollaFundingSources: number;
  /** Most live Dwolla bank funding sources for one (customer, fingerprint). */
  dwollaFundingSourcesPerKey: number;
  /** Most Dwolla customers for one email. */
  dwollaCustomersPerEmail: number;
  /** Modern Treasury external accounts in total. */
  mtExternalAccounts: number;
  /** Most Modern Treasury external accounts for one (counterparty, external id). */
  mtExternalAccountsPerKey: number;
  /** Most Modern Treasury counterparties for one external id. */
  mtCounterpartiesPerKey: number;
  /** Modern Treasury payment orders in total. */
  mtPaymentOrders: number;
}

type Row = Record<string, unknown>;

function rows(section: Record<string, unknown>, name: string): Row[] {
  const value = section[name];
  return Array.isArray(value)
    ? value.filter((row): row is Row => typeof row === 'object' && row !== null)
    : [];
}

function maxPerKey(items: Row[], key: (row: Row) => string): number {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/** Reads the counts from `GET /__emulator/state`. */
export function countResources(state: EmulatorState): ResourceCounts {
  const bankAccounts = rows(state.stripe, 'bankAccounts').filter((row) => row['customer'] !== null);
  const fundingSources = rows(state.dwolla, 'fundingSources').filter(
    (row) => row['type'] === 'bank' && row['removed'] !== true,
  );
  return {
    stripeBankAccounts: bankAccounts.length,
    stripeBankAccountsPerKey: maxPerKey(bankAccounts, (row) => `${row['customer']}|${row['fingerprint']}`),
    stripeCustomersPerEmail: maxPerKey(rows(state.stripe, 'customers'), (row) => String(row['email'])),
    stripeSetupIntentsPerKey: maxPerKey(
      rows(state.stripe, 'setupIntents'),
      (row) => `${row['customer']}|${row['paymentMethod']}`,
    ),
    stripePaymentIntents: rows(state.stripe, 'paymentIntents').length,
    dwollaFundingSources: fundingSources.length,
    dwollaFundingSourcesPerKey: maxPerKey(
      fundingSources,
      (row) => `${row['customer']}|${row['fingerprint']}`,
    ),
    dwollaCustomersPerEmail: maxPerKey(rows(state.dwolla, 'customers'), (row) => String(row['email'])),
    mtExternalAccounts: rows(state.modernTreasury, 'externalAccountList').length,
    mtExternalAccountsPerKey: maxPerKey(
      rows(state.modernTreasury, 'externalAccountList'),
      (row) => `${row['counterpartyId']}|${row['externalId']}`,
    ),
    mtCounterpartiesPerKey: maxPerKey(rows(state.modernTreasury, 'counterpartyList'), (row) =>
      String(row['externalId']),
    ),
    mtPaymentOrders: rows(state.modernTreasury, 'paymentOrderList').length,
  };
}

import type { PlaidClient } from '@achbridge/core';

/** The part of core's PlaidClient the Modern Treasury adapter uses. */
export type ModernTreasuryPlaidClient = Pick<
  PlaidClient,
  'environment' | 'exchangePublicToken' | 'getAccounts' | 'request'
>;

import type { PlaidClient } from '@achbridge/core';

/** The part of core's PlaidClient the Dwolla adapter uses. */
export type DwollaPlaidClient = Pick<
  PlaidClient,
  'environment' | 'exchangePublicToken' | 'getAccounts' | 'request'
>;

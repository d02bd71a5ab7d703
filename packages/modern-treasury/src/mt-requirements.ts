import type { ProcessorRequirements } from '@achbridge/core';

/**
 * What Modern Treasury's Plaid integration needs from an institution: Plaid Auth (Modern Treasury pulls
 * account and routing numbers "via their Plaid Auth product") at a US bank for ACH, with Plaid Link
 * initialised with country code US, on checking or savings accounts. Pass it to `checkAuthSupport`.
 */
export const modernTreasuryRequirements: ProcessorRequirements<'modern_treasury'> = Object.freeze({
  processor: 'modern_treasury',
  label: 'Modern Treasury',
  products: Object.freeze(['auth']),
  institutionCountries: Object.freeze(['US']),
  linkCountryCodes: Object.freeze(['US']),
  accountSubtypes: Object.freeze(['checking', 'savings']),
});

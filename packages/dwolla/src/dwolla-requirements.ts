import type { ProcessorRequirements } from '@achbridge/core';

/**
 * What Dwolla needs from a Plaid-linked institution: Plaid Auth at a US bank, with Plaid Link initialised
 * with country code US; Dwolla funding sources are checking or savings accounts. Pass it to `checkAuthSupport`.
 */
export const dwollaRequirements: ProcessorRequirements<'dwolla'> = Object.freeze({
  processor: 'dwolla',
  label: 'Dwolla',
  products: Object.freeze(['auth']),
  institutionCountries: Object.freeze(['US']),
  linkCountryCodes: Object.freeze(['US']),
  accountSubtypes: Object.freeze(['checking', 'savings']),
});

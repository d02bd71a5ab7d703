import type { ProcessorRequirements } from '@achbridge/core';

/**
 * What Stripe ACH Direct Debit needs from a Plaid-linked institution: Plaid Auth (account and routing
 * numbers) at a US bank; Stripe debits checking and savings accounts. Pass it to `checkAuthSupport`.
 */
export const stripeRequirements: ProcessorRequirements<'stripe'> = Object.freeze({
  processor: 'stripe',
  label: 'Stripe',
  products: Object.freeze(['auth']),
  institutionCountries: Object.freeze(['US']),
  accountSubtypes: Object.freeze(['checking', 'savings']),
});

import type { ProcessorRequirements } from '../processor-requirements.js';

/**
 * The Stripe and Dwolla rules `checkAuthSupport` applied before adapters declared their own.
 * @deprecated Pass `processors` (e.g. `stripeRequirements` from `@achbridge/stripe`, `dwollaRequirements`
 * from `@achbridge/dwolla`); this default goes away in the next minor release.
 */
export const LEGACY_PROCESSOR_REQUIREMENTS: readonly [
  ProcessorRequirements<'stripe'>,
  ProcessorRequirements<'dwolla'>,
] = [
  { processor: 'stripe', label: 'Stripe', products: ['auth'], institutionCountries: ['US'] },
  {
    processor: 'dwolla',
    label: 'Dwolla',
    products: ['auth'],
    institutionCountries: ['US'],
    linkCountryCodes: ['US'],
  },
];

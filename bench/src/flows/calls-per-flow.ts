import type { Provider, Variant } from './flow-types.js';

/**
 * HTTP calls per fresh link that `bench:check` expects each client to make, exactly (the Dwolla app token is
 * fetched once per client and not counted). achbridge's `link` makes 5 today (Stripe: exchange, btok, read
 * the token, list the customer's bank accounts, attach; Dwolla: exchange, read the accounts, processor token,
 * create, read the funding source back). Whoever changes the calls on the common path updates these numbers
 * in the same change, so the check fails on any call added or removed by accident.
 */
export const EXPECTED_CALLS: Record<Provider, Record<Variant, number>> = {
  stripe: { achbridge: 5, sdk: 3, fetch: 3, http: 3 },
  dwolla: { achbridge: 5, sdk: 3, fetch: 3, http: 3 },
};

/** The target: the necessary calls only (Stripe: exchange, btok, attach; Dwolla: exchange, processor token, create). */
export const NECESSARY_CALLS = 3;

/** What the 3 necessary calls are, per provider (for the report). */
export const NECESSARY_CALL_NAMES: Record<Provider, string> = {
  stripe: 'exchange, btok, attach',
  dwolla: 'exchange, processor token, create',
};

import type { Provider, Variant } from './flow-types.js';

/**
 * HTTP calls per fresh link that `bench:check` expects each client to make, exactly (the Dwolla app token is
 * fetched once per client and not counted). achbridge's `link` makes 4 for Stripe today (exchange, read the
 * accounts for the up-front refusal and TAN check, btok, attach; the token read and the source list only
 * follow a duplicate answer) and 4 for Dwolla (exchange, read the accounts, processor token, create; the
 * funding source id comes from the create answer's Location header, so nothing is read back). Whoever changes the calls on the common path updates these numbers
 * in the same change, so the check fails on any call added or removed by accident.
 */
export const EXPECTED_CALLS: Record<Provider, Record<Variant, number>> = {
  stripe: { achbridge: 4, sdk: 3, fetch: 3, http: 3 },
  dwolla: { achbridge: 4, sdk: 3, fetch: 3, http: 3 },
};

/** The target: the necessary calls only (Stripe: exchange, btok, attach; Dwolla: exchange, processor token, create). */
export const NECESSARY_CALLS = 3;

/** What the 3 necessary calls are, per provider (for the report). */
export const NECESSARY_CALL_NAMES: Record<Provider, string> = {
  stripe: 'exchange, btok, attach',
  dwolla: 'exchange, processor token, create',
};

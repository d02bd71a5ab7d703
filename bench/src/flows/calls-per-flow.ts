import type { Provider, Variant } from './flow-types.js';

/**
 * HTTP calls per fresh link that `bench:check` expects each client to make, exactly (the Dwolla app token is
 * fetched once per client and not counted). Whoever changes the calls on the common path updates these
 * numbers in the same change, so the check fails on any call added or removed by accident.
 *
 * achbridge makes 4 for Stripe (exchange, then the accounts read and the btok side by side, then attach; the
 * token read and the source list only follow a duplicate answer) and 4 for Dwolla (exchange, then the
 * accounts read and the processor token side by side, then create; the funding source id comes from the
 * create answer's Location header, so nothing is read back). The 4th call, the accounts read, is what the
 * guarantees need: the refusal of a non-US, non-depository or unverified account before any processor
 * write, and the TAN identity (`persistent_account_id`) that makes a re-link through a new Item find the
 * account it already made. Running it alongside the token call keeps it off the critical path, so a fresh
 * link waits for 3 round trips, like the floors (`EXPECTED_ROUND_TRIPS`).
 *
 * Modern Treasury makes 5: exchange, the accounts read and the processor token side by side, the lookup of
 * the external account by its derived `external_id` (its re-run and TAN re-link check, which needs the
 * accounts read's `persistent_account_id`), then create; 4 round trips.
 */
export const EXPECTED_CALLS: Record<Provider, Record<Variant, number>> = {
  stripe: { achbridge: 4, sdk: 3, fetch: 3, http: 3 },
  dwolla: { achbridge: 4, sdk: 3, fetch: 3, http: 3 },
  modern_treasury: { achbridge: 5, sdk: 3, fetch: 3, http: 3 },
};

/**
 * Round trips on a fresh link's critical path (the longest chain of calls each of which waited for the
 * answer before it; calls in flight together count once) that `bench:check` expects, exactly.
 */
export const EXPECTED_ROUND_TRIPS: Record<Provider, Record<Variant, number>> = {
  stripe: { achbridge: 3, sdk: 3, fetch: 3, http: 3 },
  dwolla: { achbridge: 3, sdk: 3, fetch: 3, http: 3 },
  modern_treasury: { achbridge: 4, sdk: 3, fetch: 3, http: 3 },
};

/** The target: the necessary calls only (Stripe: exchange, btok, attach; Dwolla: exchange, processor token, create). */
export const NECESSARY_CALLS = 3;

/** What the 3 necessary calls are, per provider (for the report). */
export const NECESSARY_CALL_NAMES: Record<Provider, string> = {
  stripe: 'exchange, btok, attach',
  dwolla: 'exchange, processor token, create',
  modern_treasury: 'exchange, processor token, external account',
};

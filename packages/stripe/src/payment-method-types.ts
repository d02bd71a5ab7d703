import type Stripe from 'stripe';

/** The first API version (major `endive`) that renamed `payment_method_types` on Payment/SetupIntents. */
export const ALLOWED_TYPES_SINCE = '2026-09-30';

/** Reads the API version a stripe-node client sends, or undefined (account default). */
export function apiVersionOf(stripe: Stripe): string | undefined {
  const getter = (stripe as unknown as { getApiField?: (key: string) => unknown }).getApiField;
  if (typeof getter !== 'function') return undefined;
  const version = getter.call(stripe, 'version');
  return typeof version === 'string' && version !== '' ? version : undefined;
}

/**
 * The `us_bank_account` restriction for PaymentIntent/SetupIntent create in the client's API version:
 * `allowed_payment_method_types` from `2026-09-30.endive` on (stripe-node 23), `payment_method_types`
 * before (stripe-node <= 22, or an account default version).
 */
export function usBankAccountOnly(stripe: Stripe): Record<string, string[]> {
  const version = apiVersionOf(stripe);
  const renamed = version !== undefined && version.slice(0, 10) >= ALLOWED_TYPES_SINCE;
  return { [renamed ? 'allowed_payment_method_types' : 'payment_method_types']: ['us_bank_account'] };
}

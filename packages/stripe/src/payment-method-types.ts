import type Stripe from 'stripe';

/** The API version (2026-09-30.endive) from which `payment_method_types` is no longer writable. */
export const ALLOWED_TYPES_REQUIRED_SINCE = '2026-09-30';
/** Preview versions dropped `payment_method_types` earlier (2026-08-26.preview). */
export const ALLOWED_TYPES_REQUIRED_SINCE_PREVIEW = '2026-08-26';

/** Reads the API version a stripe-node client sends, or undefined (the account's default version). */
export function apiVersionOf(stripe: Stripe): string | undefined {
  const getter = (stripe as unknown as { getApiField?: (key: string) => unknown }).getApiField;
  if (typeof getter !== 'function') return undefined;
  const version = getter.call(stripe, 'version');
  return typeof version === 'string' && version !== '' ? version : undefined;
}

/** Whether an API version only accepts `allowed_payment_method_types` on Payment/SetupIntent create. */
export function requiresAllowedPaymentMethodTypes(version: string | undefined): boolean {
  if (version === undefined) return false;
  const date = version.slice(0, 10);
  if (date >= ALLOWED_TYPES_REQUIRED_SINCE) return true;
  return version.includes('preview') && date >= ALLOWED_TYPES_REQUIRED_SINCE_PREVIEW;
}

/**
 * The `us_bank_account` restriction for PaymentIntent/SetupIntent create in the client's API version.
 * `payment_method_types` is used wherever Stripe still accepts it; from 2026-09-30.endive (stripe-node
 * 23's default) it returns `payment_method_types_no_longer_supported`, so `allowed_payment_method_types`
 * (available since 2026-07-29.dahlia; the two are mutually exclusive) is sent instead.
 */
export function usBankAccountOnly(stripe: Stripe): Record<string, string[]> {
  const key = requiresAllowedPaymentMethodTypes(apiVersionOf(stripe))
    ? 'allowed_payment_method_types'
    : 'payment_method_types';
  return { [key]: ['us_bank_account'] };
}

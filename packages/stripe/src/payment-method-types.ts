/** The API version (2026-09-30.endive) from which `payment_method_types` is no longer writable. */
export const ALLOWED_TYPES_REQUIRED_SINCE = '2026-09-30';
/** Preview versions dropped `payment_method_types` earlier (2026-08-26.preview). */
export const ALLOWED_TYPES_REQUIRED_SINCE_PREVIEW = '2026-08-26';

/** Whether an API version only accepts `allowed_payment_method_types` on Payment/SetupIntent create. */
export function requiresAllowedPaymentMethodTypes(version: string | undefined): boolean {
  if (version === undefined) return false;
  const date = version.slice(0, 10);
  if (date >= ALLOWED_TYPES_REQUIRED_SINCE) return true;
  return version.includes('preview') && date >= ALLOWED_TYPES_REQUIRED_SINCE_PREVIEW;
}

/**
 * The `us_bank_account` restriction for PaymentIntent/SetupIntent create in the client's API version (the
 * version the adapter built the client with, or the one declared next to a caller's instance).
 * `payment_method_types` is used wherever Stripe still accepts it; from 2026-09-30.endive (stripe-node
 * 23's default) it returns `payment_method_types_no_longer_supported`, so `allowed_payment_method_types`
 * (available since 2026-07-29.dahlia; the two are mutually exclusive) is sent instead.
 */
export function usBankAccountOnly(apiVersion: string): Record<string, string[]> {
  const key = requiresAllowedPaymentMethodTypes(apiVersion)
    ? 'allowed_payment_method_types'
    : 'payment_method_types';
  return { [key]: ['us_bank_account'] };
}

import { StripeApiError } from './stripe-errors.js';

/**
 * The API version that stopped accepting `payment_method_types` on PaymentIntents and SetupIntents (Stripe
 * changelog "Removes the payment method types parameter from Payment Intents and Setup Intents", 2026-09-30.endive).
 */
export const PAYMENT_METHOD_TYPES_REMOVED_IN = '2026-09-30.endive';

/** The preview version that dropped it first (Stripe changelog, 2026-08-26.preview). */
export const PAYMENT_METHOD_TYPES_REMOVED_IN_PREVIEW = '2026-08-26.preview';

/**
 * The emulated account's default API version, which Stripe applies to a request without `Stripe-Version`
 * (docs.stripe.com/api-versions: the version comes from the request's header, else the SDK's pinned version,
 * else the account's default). A new account's default is the current version, 2026-09-30.endive on that page.
 */
export const DEFAULT_ACCOUNT_API_VERSION = '2026-09-30.endive';

/**
 * The version that removed `invoice` from PaymentIntent and Charge (Stripe changelog 2025-03-31.basil, "Adds
 * support for multiple (partial) payments on invoices": "Removed the invoice field from the PaymentIntent and
 * Charge objects").
 */
export const PAYMENT_INTENT_INVOICE_REMOVED_IN = '2025-03-31.basil';

const VERSION_PATTERN = /^(\d{4}-\d{2}-\d{2})(\.[a-z]+)?$/;

/** Whether `version` looks like a Stripe API version (`2026-10-28.endive`, `2023-08-16`). */
export function isStripeVersion(version: string): boolean {
  return VERSION_PATTERN.test(version);
}

/**
 * Reads a `Stripe-Version` header: the account's default version when absent (as Stripe does), else a
 * well-formed version or Stripe's 400.
 */
export function readStripeVersion(header: string | undefined, accountDefault: string): string {
  if (header === undefined) return accountDefault;
  const version = header.trim();
  if (!VERSION_PATTERN.test(version)) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      message: `Invalid Stripe API version: ${version.slice(0, 64)}. Versions look like 2026-10-28.endive.`,
    });
  }
  return version;
}

/** Whether `version` (a request's Stripe-Version) is at or after `since`, comparing the release dates. */
export function isVersionAtLeast(version: string | undefined, since: string): boolean {
  if (version === undefined) return false;
  const date = VERSION_PATTERN.exec(version)?.[1];
  const sinceDate = VERSION_PATTERN.exec(since)?.[1];
  return date !== undefined && sinceDate !== undefined && date >= sinceDate;
}

/** Whether a request's API version no longer accepts `payment_method_types` on intents. */
export function rejectsPaymentMethodTypes(version: string | undefined): boolean {
  if (isVersionAtLeast(version, PAYMENT_METHOD_TYPES_REMOVED_IN)) return true;
  return (
    version?.endsWith('.preview') === true &&
    isVersionAtLeast(version, PAYMENT_METHOD_TYPES_REMOVED_IN_PREVIEW)
  );
}

import type { CheckedFields } from '../kernel/field-spec-read.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import { PAYMENT_METHOD_TYPES_REMOVED_IN, rejectsPaymentMethodTypes } from './stripe-api-version.js';
import type { StripeHandlerContext } from './stripe-context.js';
import { invalidParameter, type StripeApiError } from './stripe-errors.js';
import { STRIPE_STRING_LIST } from './stripe-fields.js';

/** Payment method types the emulator can process (Stripe's ACH Direct Debit type). */
export const SUPPORTED_PAYMENT_METHOD_TYPES = ['us_bank_account'] as const;

/** The two payment method type lists an intent takes (read together by `readPaymentMethodTypes`). */
export const PAYMENT_METHOD_TYPES_FIELDS: FieldSpecs = {
  payment_method_types: STRIPE_STRING_LIST,
  allowed_payment_method_types: STRIPE_STRING_LIST,
};

function unsupportedType(name: string, index: number, type: string): StripeApiError {
  return invalidParameter(
    `${name}[${index}]`,
    `The payment method type "${type}" is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use. The emulator supports: ${SUPPORTED_PAYMENT_METHOD_TYPES.join(', ')}.`,
    'payment_method_invalid_parameter',
  );
}

/**
 * Reads the checked payment method types of an intent (`PAYMENT_METHOD_TYPES_FIELDS`), like Stripe:
 * - `payment_method_types` (older API versions): every type must be usable, else a 400 naming it (e.g. the legacy
 *   `ach_debit`, which is not a PaymentMethod type); from 2026-09-30.endive (and 2026-08-26.preview) it is refused
 *   with `payment_method_types_no_longer_supported`;
 * - `allowed_payment_method_types` (since 2026-07-29.dahlia): incompatible types are silently dropped; a 400 only
 *   when nothing usable (`us_bank_account`) is left.
 * The two are mutually exclusive. Undefined when neither is given.
 */
export function readPaymentMethodTypes(
  context: StripeHandlerContext,
  checked: CheckedFields,
): string[] | undefined {
  const legacy = checked.stringList('payment_method_types');
  const allowed = checked.stringList('allowed_payment_method_types');
  const hasLegacy = legacy !== undefined;
  const hasAllowed = allowed !== undefined;
  if (hasLegacy && rejectsPaymentMethodTypes(context.apiVersion)) {
    throw invalidParameter(
      'payment_method_types',
      `payment_method_types can no longer be set on API version ${context.apiVersion} (removed in ${PAYMENT_METHOD_TYPES_REMOVED_IN}); use allowed_payment_method_types or excluded_payment_method_types.`,
      'payment_method_types_no_longer_supported',
    );
  }
  if (hasLegacy && hasAllowed) {
    throw invalidParameter(
      'allowed_payment_method_types',
      'You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.',
      'parameters_exclusive',
    );
  }
  const name = hasAllowed ? 'allowed_payment_method_types' : 'payment_method_types';
  const types = allowed ?? legacy;
  if (types === undefined) return undefined;
  if (types.length === 0) throw invalidParameter(name, `${name} cannot be empty.`);
  const supported = (type: string) => (SUPPORTED_PAYMENT_METHOD_TYPES as readonly string[]).includes(type);
  if (!hasAllowed) {
    for (const [index, type] of types.entries())
      if (!supported(type)) throw unsupportedType(name, index, type);
    return [...new Set(types)];
  }
  const usable = [...new Set(types.filter(supported))];
  if (usable.length === 0) {
    throw invalidParameter(
      name,
      `None of the allowed_payment_method_types (${types.join(', ')}) can be used for this intent. The emulator supports: ${SUPPORTED_PAYMENT_METHOD_TYPES.join(', ')}.`,
      'payment_intent_invalid_parameter',
    );
  }
  return usable;
}

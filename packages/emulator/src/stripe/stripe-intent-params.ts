import type { FormHash } from './form-decode.js';
import { isVersionAtLeast, PAYMENT_METHOD_TYPES_REMOVED_IN } from './stripe-api-version.js';
import type { StripeHandlerContext } from './stripe-context.js';
import { invalidParameter, StripeApiError } from './stripe-errors.js';
import { readStringList } from './stripe-params.js';

/** Payment method types the emulator can process (Stripe's ACH Direct Debit type). */
export const SUPPORTED_PAYMENT_METHOD_TYPES = ['us_bank_account'] as const;

/**
 * Reads the payment method types of an intent: `allowed_payment_method_types` (current API versions) or the
 * older `payment_method_types` (rejected as unknown from API version 2026-09-30 on, like Stripe). Any type
 * other than `us_bank_account` is rejected the way Stripe rejects types not enabled on the account (e.g. the
 * legacy `ach_debit`, which is not a PaymentMethod type). Undefined when neither is given.
 */
export function readPaymentMethodTypes(
  context: StripeHandlerContext,
  params: FormHash,
): string[] | undefined {
  const hasLegacy = params['payment_method_types'] !== undefined;
  const hasAllowed = params['allowed_payment_method_types'] !== undefined;
  if (hasLegacy && isVersionAtLeast(context.apiVersion, PAYMENT_METHOD_TYPES_REMOVED_IN)) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param: 'payment_method_types',
      message: `Received unknown parameter: payment_method_types. It was removed in API version ${PAYMENT_METHOD_TYPES_REMOVED_IN}; use allowed_payment_method_types.`,
    });
  }
  if (hasLegacy && hasAllowed) {
    throw invalidParameter(
      'allowed_payment_method_types',
      'You may only specify one of these parameters: allowed_payment_method_types, payment_method_types.',
      'parameters_exclusive',
    );
  }
  const name = hasAllowed ? 'allowed_payment_method_types' : 'payment_method_types';
  const types = readStringList(params, name);
  if (types === undefined) return undefined;
  if (types.length === 0) throw invalidParameter(name, `${name} cannot be empty.`);
  for (const [index, type] of types.entries()) {
    if (!(SUPPORTED_PAYMENT_METHOD_TYPES as readonly string[]).includes(type)) {
      throw invalidParameter(
        `${name}[${index}]`,
        `The payment method type "${type}" is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use. The emulator supports: ${SUPPORTED_PAYMENT_METHOD_TYPES.join(', ')}.`,
        'payment_method_invalid_parameter',
      );
    }
  }
  return [...new Set(types)];
}

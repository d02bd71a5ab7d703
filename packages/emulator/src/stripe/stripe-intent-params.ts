import type { FormHash } from './form-decode.js';
import { invalidParameter } from './stripe-errors.js';
import { readStringList } from './stripe-params.js';

/** Payment method types the emulator can process (Stripe's ACH Direct Debit type). */
export const SUPPORTED_PAYMENT_METHOD_TYPES = ['us_bank_account'] as const;

/**
 * Reads `payment_method_types` (default `['us_bank_account']`); any other type is rejected the way Stripe
 * rejects types not enabled on the account (e.g. the legacy `ach_debit`, which is not a PaymentMethod type).
 */
export function readPaymentMethodTypes(params: FormHash): string[] | undefined {
  const types = readStringList(params, 'payment_method_types');
  if (types === undefined) return undefined;
  if (types.length === 0)
    throw invalidParameter('payment_method_types', 'payment_method_types cannot be empty.');
  types.forEach((type, index) => {
    if (!(SUPPORTED_PAYMENT_METHOD_TYPES as readonly string[]).includes(type)) {
      throw invalidParameter(
        `payment_method_types[${index}]`,
        `The payment method type "${type}" is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use. The emulator supports: ${SUPPORTED_PAYMENT_METHOD_TYPES.join(', ')}.`,
        'payment_method_invalid_parameter',
      );
    }
  });
  return [...new Set(types)];
}

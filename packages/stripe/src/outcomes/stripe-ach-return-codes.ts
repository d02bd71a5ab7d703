/**
 * Stripe's ACH Direct Debit failure codes (`last_payment_error.code`, `charge.failure_code`) and the Nacha
 * return each stands for (Stripe docs "ACH Direct Debit" failed payments and test account numbers: 000111111113
 * account_closed, 000111111116 no_account, 000222222227 insufficient_funds, 000333333335 debit_not_authorized).
 * Stripe folds every unauthorized return (R05, R07, R10, R11, R29, R51) into `debit_not_authorized`; achbridge
 * reports it as R10, whose catalog category (`new_authorization_needed`) they all share. When the failed
 * PaymentMethod carries Stripe's exact code (`us_bank_account.blocked.network_code`), that code wins.
 */
export const STRIPE_ACH_FAILURE_RETURN_CODES: Readonly<Record<string, string>> = {
  insufficient_funds: 'R01',
  account_closed: 'R02',
  no_account: 'R03',
  invalid_account_number: 'R04',
  debit_not_authorized: 'R10',
};

/** The ACH return code a Stripe failure code stands for, or undefined (e.g. `invalid_currency`, card codes). */
export function achReturnCodeOfStripeFailure(code: string | null | undefined): string | undefined {
  if (typeof code !== 'string') return undefined;
  return Object.hasOwn(STRIPE_ACH_FAILURE_RETURN_CODES, code)
    ? STRIPE_ACH_FAILURE_RETURN_CODES[code]
    : undefined;
}

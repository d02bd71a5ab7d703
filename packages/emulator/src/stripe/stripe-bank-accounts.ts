import type { StripeHandlerContext } from './stripe-context.js';
import { StripeApiError } from './stripe-errors.js';
import { findInMode } from './stripe-lookup.js';
import type { BankAccountRecord, StripeState } from './stripe-state.js';

/** Removes a bank account from its customer; its mandates become inactive. */
export function removeBankAccount(state: StripeState, id: string): void {
  const account = state.bankAccounts.get(id);
  if (account === undefined) return;
  state.bankAccounts.delete(id);
  for (const mandate of state.mandates.values()) {
    if (mandate.paymentMethod === id) mandate.status = 'inactive';
  }
  const customer = account.customer === null ? undefined : state.customers.get(account.customer);
  if (customer === undefined) return;
  customer.sourceIds = customer.sourceIds.filter((sourceId) => sourceId !== id);
  if (customer.defaultSource === id) customer.defaultSource = customer.sourceIds.at(-1) ?? null;
}

/**
 * Resolves a saved `ba_` bank account used as a PaymentMethod by `customerId`, or throws Stripe's errors:
 * unknown id → `resource_missing` on `payment_method`; an account owned by another or an omitted customer →
 * `invalid_request_error` naming the parameter to fix.
 */
export function resolveBankAccountPaymentMethod(
  context: StripeHandlerContext,
  paymentMethodId: string,
  customerId: string | null,
): BankAccountRecord {
  const account = findInMode(
    context.state.bankAccounts,
    paymentMethodId,
    context.caller.livemode,
    'PaymentMethod',
    {
      param: 'payment_method',
      inPath: false,
    },
  );
  if (account.customer !== customerId) {
    if (customerId === null) {
      throw new StripeApiError(
        400,
        {
          type: 'invalid_request_error',
          param: 'customer',
          message: `The payment method ${account.id} belongs to the Customer ${account.customer}. Please include the Customer in the \`customer\` parameter.`,
        },
        'execution',
      );
    }
    throw new StripeApiError(
      400,
      {
        type: 'invalid_request_error',
        param: 'payment_method',
        message: `The payment method ${account.id} does not belong to the Customer ${customerId}.`,
      },
      'execution',
    );
  }
  return account;
}

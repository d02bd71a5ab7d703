import type { StripeHandler } from './stripe-context.js';
import { applyExpand, checkExpand } from './stripe-expand.js';
import { findInMode } from './stripe-lookup.js';
import { rejectUnknownParams } from './stripe-params.js';
import { renderBankAccountPaymentMethod } from './stripe-render.js';

/**
 * `GET /v1/payment_methods/{id}`: a saved customer bank account (`ba_…`) is retrievable through the Payment
 * Methods API as a `us_bank_account` PaymentMethod (Stripe, "Migrate existing bank accounts": "Retrieve a
 * BankAccount as a PaymentMethod").
 */
export const retrievePaymentMethod: StripeHandler = (context) => {
  rejectUnknownParams(context.params, { expand: true });
  checkExpand(context.params, 'payment_method');
  const id = context.pathParams['payment_method'] as string;
  const account = findInMode(context.state.bankAccounts, id, context.caller.livemode, 'PaymentMethod', {
    param: 'payment_method',
    inPath: true,
  });
  return { status: 200, body: applyExpand(context, context.params, renderBankAccountPaymentMethod(account)) };
};

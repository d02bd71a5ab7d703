import { controlError } from '../control/control-json.js';
import { handleReturnControl } from '../kernel/return-control.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import { openDispute, renderDispute, UNAUTHORIZED_RETURN_CODES } from './stripe-disputes.js';
import { settleAllPaymentIntents, settlePaymentIntent } from './stripe-settlement.js';
import type { StripeState } from './stripe-state.js';

const RETURN_ROUTE = /^\/payment_intents\/([^/]+)\/return$/;

/** The Stripe failure code of an ACH return while the payment is processing (Stripe's documented codes). */
function failureCodeOf(returnCode: string): string {
  if (returnCode === 'R01' || returnCode === 'R09') return 'insufficient_funds';
  if (returnCode === 'R02') return 'account_closed';
  if (returnCode === 'R03') return 'no_account';
  if (returnCode === 'R04') return 'invalid_account_number';
  if (UNAUTHORIZED_RETURN_CODES.has(returnCode)) return 'debit_not_authorized';
  return 'bank_account_restricted';
}

/**
 * Stripe control routes under `/__emulator/stripe`: `POST /payment_intents/:id/return` with
 * `{ "code": "R01" }`. A `processing` PaymentIntent fails now with the Stripe failure code of that return
 * (`payment_intent.payment_failed`); a `succeeded` one with an unauthorized return (R05, R07, R10, R11, R29,
 * R51) gets a dispute (`charge.dispute.created`), as Stripe reports late unauthorized returns. Other cases
 * answer 409.
 */
export function handleStripeControl(
  state: StripeState,
  request: EmulatorRequest,
  nowMs: number,
): EmulatorResponse {
  return handleReturnControl(request, {
    pattern: RETURN_ROUTE,
    label: 'Stripe control route',
    returnPayment: (id, code) => returnPaymentIntent(state, id, code, nowMs),
  });
}

function returnPaymentIntent(state: StripeState, id: string, code: string, nowMs: number): EmulatorResponse {
  settleAllPaymentIntents(state, nowMs);
  const intent = state.paymentIntents.get(id);
  if (intent === undefined) return controlError(404, 'payment_intent_not_found', `No PaymentIntent ${id}.`);
  if (intent.status === 'processing') {
    intent.failureCode = failureCodeOf(code);
    intent.settlesAt = nowMs;
    settlePaymentIntent(state, intent, nowMs);
    return {
      status: 200,
      body: { paymentIntent: { id, status: intent.status, lastPaymentError: intent.lastPaymentError } },
    };
  }
  if (intent.status === 'succeeded' && UNAUTHORIZED_RETURN_CODES.has(code)) {
    const dispute = openDispute(state, intent, code, nowMs);
    return {
      status: 200,
      body: { paymentIntent: { id, status: intent.status }, dispute: renderDispute(dispute) },
    };
  }
  return controlError(
    409,
    'payment_intent_not_returnable',
    intent.status === 'succeeded'
      ? `PaymentIntent ${id} succeeded; after settlement Stripe reports only unauthorized returns (R05, R07, R10, R11, R29, R51), as disputes.`
      : `PaymentIntent ${id} is ${intent.status}; only processing or succeeded PaymentIntents can be returned.`,
  );
}

import { createStripeId } from './stripe-ids.js';
import type { DisputeRecord, PaymentIntentRecord, StripeState } from './stripe-state.js';

/** The unauthorized ACH returns that reach a merchant after settlement as a Stripe dispute. */
export const UNAUTHORIZED_RETURN_CODES: ReadonlySet<string> = new Set([
  'R05',
  'R07',
  'R10',
  'R11',
  'R29',
  'R51',
]);

/**
 * Opens a dispute on a succeeded ACH PaymentIntent, as Stripe does when the customer's bank returns the
 * debit as unauthorized after it settled. Source: Stripe Support, "Respond to or contest an ACH Direct Debit
 * dispute as a merchant" (https://support.stripe.com/questions/respond-to-or-contest-an-ach-direct-debit-dispute-as-a-merchant):
 * "Unlike credit card disputes, all ACH Direct Debit disputes are final and there is no process to appeal"
 * (so the dispute opens as `lost`), "When a customer disputes an ACH Direct Debit payment, it invalidates the
 * mandate associated with the payment method" (so the mandate goes inactive), and "In rare situations, Stripe
 * might receive an ACH failure from the bank after a payment has succeeded. If this happens, Stripe creates a
 * dispute." The reason is `debit_not_authorized`, one of the dispute reasons in Stripe's API reference. Stripe
 * documents no test bank account that disputes by itself (only cards, e.g. 4000000000000259), so the emulator
 * opens one through its control API (`POST /__emulator/stripe/payment_intents/:id/return` with an
 * unauthorized return code on a succeeded PaymentIntent).
 */
export function openDispute(
  state: StripeState,
  intent: PaymentIntentRecord,
  returnCode: string,
  nowMs: number,
): DisputeRecord {
  const dispute: DisputeRecord = {
    id: createStripeId('dp'),
    livemode: intent.livemode,
    created: Math.floor(nowMs / 1000),
    paymentIntent: intent.id,
    charge: `py_${intent.id.slice(3)}`,
    amount: intent.amount,
    currency: intent.currency,
    reason: 'debit_not_authorized',
    // An ACH dispute cannot be contested: the funds are withdrawn when it opens.
    status: 'lost',
    returnCode,
  };
  state.disputes.set(dispute.id, dispute);
  const mandate = intent.mandate === null ? undefined : state.mandates.get(intent.mandate);
  if (mandate !== undefined) mandate.status = 'inactive';
  return dispute;
}

/** Stripe's `dispute` object for a dispute record. */
export function renderDispute(record: DisputeRecord): Record<string, unknown> {
  return {
    id: record.id,
    object: 'dispute',
    amount: record.amount,
    balance_transactions: [],
    charge: record.charge,
    created: record.created,
    currency: record.currency,
    evidence: {},
    evidence_details: { due_by: null, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: record.livemode,
    metadata: {},
    payment_intent: record.paymentIntent,
    reason: record.reason,
    status: record.status,
  };
}

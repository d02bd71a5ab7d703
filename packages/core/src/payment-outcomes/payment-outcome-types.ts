import type { AchReturnDescription } from '../ach-returns/describe-ach-return.js';

/** Where a payment stands: `pending → processing → succeeded | failed | cancelled`; a late ACH return can still turn `succeeded` into `failed`. */
export type PaymentOutcomeStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'cancelled';

/** Every outcome status, in precedence order. */
export const PAYMENT_OUTCOME_STATUSES: readonly PaymentOutcomeStatus[] = [
  'pending',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
];

/** Where an update was observed. */
export type PaymentOutcomeSource = 'webhook' | 'poll' | 'api';

/** One observation of a payment's state from a processor (a webhook event, a poll or an API answer). */
export interface PaymentOutcomeUpdate {
  /** The processor, an open string such as `stripe` or `dwolla`. */
  provider: string;
  /** The processor's payment id (a PaymentIntent id, a transfer id). */
  paymentId: string;
  /** The processor-neutral status. */
  status: PaymentOutcomeStatus;
  /** The processor's own status or event type, e.g. `processed` or `payment_intent.payment_failed`. */
  providerStatus: string;
  /** When the processor says it happened (ISO 8601). */
  occurredAt: string;
  /** The ACH return code (`R01`) when the payment failed by a return. */
  returnCode?: string | undefined;
  /** The processor's own failure code (e.g. Stripe's `insufficient_funds`). */
  providerFailureCode?: string | undefined;
  /** The processor's event id, when the update came from an event. */
  eventId?: string | undefined;
  /** Where the update was observed. */
  source: PaymentOutcomeSource;
}

/** What achbridge knows about one payment after applying every update so far. */
export interface PaymentOutcome {
  /** The processor. */
  provider: string;
  /** The processor's payment id. */
  paymentId: string;
  /** The processor-neutral status. */
  status: PaymentOutcomeStatus;
  /** The processor's status or event type that set `status`. */
  providerStatus: string;
  /** When the processor says the current status was reached. */
  occurredAt: string;
  /** The ACH return code when `status` is `failed` by a return. */
  returnCode?: string | undefined;
  /** The catalog's description of `returnCode`: meaning, category, whether a retry is allowed. */
  achReturn?: AchReturnDescription | undefined;
  /** The processor's own failure code. */
  providerFailureCode?: string | undefined;
  /** The event id that set the current status, when known. */
  eventId?: string | undefined;
}

/** A change of outcome, as given to subscribers. */
export interface PaymentOutcomeChange {
  /** The outcome before the update (`undefined` for a payment seen for the first time). */
  previous: PaymentOutcome | undefined;
  /** The outcome after the update. */
  current: PaymentOutcome;
  /** The update that caused the change. */
  update: PaymentOutcomeUpdate;
}

import type { z } from 'zod';
import type { paymentIntentSchema } from './schemas.js';

/** An ACH PaymentIntent's state. */
export interface PaymentSummary {
  paymentIntentId: string;
  /** `processing` while ACH settles (days), then `succeeded`; `requires_payment_method` after a failure. */
  status: string;
  amount: number;
  currency: string;
  /** Why the last attempt failed, if it did. */
  lastPaymentError: { code: string | null; declineCode: string | null; message: string | null } | null;
}

/** Maps a validated PaymentIntent to the summary achbridge returns. */
export function toPaymentSummary(intent: z.output<ReturnType<typeof paymentIntentSchema>>): PaymentSummary {
  const error = intent.last_payment_error;
  return {
    paymentIntentId: intent.id,
    status: intent.status,
    amount: intent.amount,
    currency: intent.currency,
    lastPaymentError: error
      ? { code: error.code ?? null, declineCode: error.decline_code ?? null, message: error.message ?? null }
      : null,
  };
}

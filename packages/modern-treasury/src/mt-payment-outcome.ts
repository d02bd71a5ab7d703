import type { PaymentOutcomeStatus, PaymentOutcomeUpdate } from '@achbridge/core';
import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import type { ModernTreasuryPaymentOrder } from './mt-models.js';
import { paymentOrderModelSchema } from './mt-schemas.js';

const outcomeInputSchema = lazySchema(() =>
  z.object({ order: paymentOrderModelSchema(), source: z.enum(['api', 'poll']) }),
);

/**
 * How Modern Treasury's payment order statuses ("Payment Order Statuses") map to achbridge's outcome
 * model: not yet at the bank → `pending`; at the bank → `processing`; posted → `succeeded`; returned,
 * failed or reversed → `failed`; cancelled, denied or stopped → `cancelled`.
 */
export const MODERN_TREASURY_OUTCOME_STATUS: Readonly<Record<string, PaymentOutcomeStatus>> = Object.freeze({
  needs_approval: 'pending',
  approved: 'pending',
  pending: 'pending',
  held: 'pending',
  processing: 'processing',
  sent: 'processing',
  completed: 'succeeded',
  returned: 'failed',
  failed: 'failed',
  reversed: 'failed',
  cancelled: 'cancelled',
  denied: 'cancelled',
  stopped: 'cancelled',
});

/** The outcome update a payment order's current state gives (a return carries its ACH code), or undefined for an unknown status. */
export function modernTreasuryPaymentOutcome(
  order: ModernTreasuryPaymentOrder,
  source: 'api' | 'poll' = 'api',
): PaymentOutcomeUpdate | undefined {
  parseInput('modernTreasuryPaymentOutcome', outcomeInputSchema(), { order, source });
  const status = MODERN_TREASURY_OUTCOME_STATUS[order.status];
  if (status === undefined) return undefined;
  return {
    provider: 'modern_treasury',
    paymentId: order.id,
    status,
    providerStatus: order.status,
    occurredAt: order.updatedAt,
    ...(order.returnCode === null ? {} : { returnCode: order.returnCode }),
    source,
  };
}

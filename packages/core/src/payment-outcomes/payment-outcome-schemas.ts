import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { PAYMENT_OUTCOME_STATUSES } from './payment-outcome-types.js';

const isoDateTime = lazySchema(() =>
  z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
);
const nonEmpty = lazySchema(() => z.string().trim().min(1, 'must be a non-empty string'));

/** Schema of a `PaymentOutcomeUpdate` (providers are open strings). */
export const paymentOutcomeUpdateSchema = lazySchema(() =>
  z.strictObject({
    provider: nonEmpty(),
    paymentId: nonEmpty(),
    status: z.enum(['pending', 'processing', 'succeeded', 'failed', 'cancelled'], {
      error: `must be one of ${PAYMENT_OUTCOME_STATUSES.join(', ')}`,
    }),
    providerStatus: nonEmpty(),
    occurredAt: isoDateTime(),
    returnCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^R\d{2}$/, 'must be an ACH return code such as R01')
      .optional(),
    providerFailureCode: nonEmpty().optional(),
    eventId: nonEmpty().optional(),
    source: z.enum(['webhook', 'poll', 'api'], { error: "must be 'webhook', 'poll' or 'api'" }),
  }),
);

import { parseInput } from '@achbridge/core/internal';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { deriveIdempotencyKey } from './idempotency.js';
import { createMandateInputSchema } from './input-schemas.js';
import { type MandateAcceptance, toMandateData } from './mandate-data.js';
import { usBankAccountOnly } from './payment-method-types.js';
import { listSchema, refId, setupIntentSchema } from './schemas.js';
import { StripeApiError } from './stripe-errors.js';

/** Input of `createMandate`. */
export interface CreateMandateInput {
  customerId: string;
  /** The customer's bank account (`ba_...`) from `link`. */
  bankAccountId: string;
  /** How the customer accepted the debit authorization. */
  acceptance: MandateAcceptance;
  /**
   * Aborts the call and any pending retry at once.
   * @deprecated Pass `{ signal }` as the second argument (`createMandate(input, { signal })`), as for every other
   * achbridge client; this field is read for one more minor version, and the second argument wins when both are set.
   */
  signal?: AbortSignal | undefined;
}

/** What `createMandate` returns. */
export interface CreateMandateResult {
  /** `mandate_...`, or null when Stripe has not created one yet (see `status`). */
  mandateId: string | null;
  setupIntentId: string;
  /** The SetupIntent's status; `succeeded` for a verified Plaid-linked bank account. */
  status: string;
}

const setupIntentListSchema = listSchema(setupIntentSchema());

/**
 * Records the customer's ACH debit authorization: a confirmed SetupIntent for the bank account with
 * `mandate_data`, under an idempotency key derived from customer and bank account. A second call for
 * the same pair returns the existing mandate instead of failing.
 */
export async function createMandate(
  context: StripeCallContext,
  input: CreateMandateInput,
): Promise<CreateMandateResult> {
  const parsed = parseInput('createMandate', createMandateInputSchema(), input);
  const { customerId, bankAccountId, signal } = parsed;
  try {
    const setupIntent = await callStripe(
      context,
      'POST /v1/setup_intents',
      setupIntentSchema(),
      (stripe, options) =>
        stripe.setupIntents.create(
          {
            customer: customerId,
            payment_method: bankAccountId,
            ...usBankAccountOnly(context.apiVersion),
            confirm: true,
            mandate_data: toMandateData(parsed.acceptance),
          },
          options,
        ),
      { signal, idempotencyKey: deriveIdempotencyKey('mandate', [customerId, bankAccountId]) },
    );
    return {
      mandateId: refId(setupIntent.mandate),
      setupIntentId: setupIntent.id,
      status: setupIntent.status,
    };
  } catch (error) {
    // The key was used before with other acceptance details: the mandate for this pair already exists.
    if (!StripeApiError.isInstance(error) || error.code !== 'idempotency_error') throw error;
    const page = await callStripe(
      context,
      'GET /v1/setup_intents',
      setupIntentListSchema,
      (stripe, options) =>
        stripe.setupIntents.list(
          { customer: customerId, payment_method: bankAccountId, limit: 100 },
          options,
        ),
      { signal },
    );
    const existing = page.data.find(
      (intent) => intent.status === 'succeeded' && refId(intent.mandate) !== null,
    );
    if (!existing) throw error;
    return { mandateId: refId(existing.mandate), setupIntentId: existing.id, status: existing.status };
  }
}

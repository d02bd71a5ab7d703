import { type AdapterStore, InputValidationError } from '@achbridge/core';
import { parseResponse, typedTwin } from '@achbridge/core/internal';
import type { z } from 'zod';
import type { createAchDebitInputSchema } from './mt-adapter-schemas.js';
import type { MtClient } from './mt-client.js';
import { deriveModernTreasuryKey } from './mt-keys.js';
import { type ModernTreasuryPaymentOrder, toPaymentOrder } from './mt-models.js';
import { externalAccountSchema, paymentOrderModelSchema, paymentOrderSchema } from './mt-schemas.js';

/** Reads one payment order (`GET /api/payment_orders/{id}`). */
export async function fetchPaymentOrder(
  client: MtClient,
  id: string,
  signal: AbortSignal | undefined,
): Promise<ModernTreasuryPaymentOrder> {
  const { data } = await client.get(`/api/payment_orders/${id}`, paymentOrderSchema(), { signal });
  return toPaymentOrder(data);
}

/** The idempotency key reached Modern Treasury before with other parameters: it echoed that payment order. */
function assertSameOrder(
  order: ModernTreasuryPaymentOrder,
  input: z.output<ReturnType<typeof createAchDebitInputSchema>>,
): void {
  const differences: string[] = [];
  if (order.amount !== input.amount) differences.push(`amount ${order.amount}`);
  if (order.direction !== 'debit') differences.push(`direction ${order.direction}`);
  if (order.receivingAccountId !== input.externalAccountId) differences.push('another external account');
  if (order.originatingAccountId !== input.originatingAccountId) differences.push('another internal account');
  if (differences.length === 0) return;
  throw new InputValidationError('createAchDebit', [
    {
      path: 'idempotencyKey',
      message: `was already used for payment order ${order.id} (${differences.join(', ')}); Modern Treasury echoes the original answer for a reused key, so use a new key for a different payment`,
    },
  ]);
}

async function createPaymentOrder(
  client: MtClient,
  input: z.output<ReturnType<typeof createAchDebitInputSchema>>,
  signal: AbortSignal | undefined,
): Promise<ModernTreasuryPaymentOrder> {
  if (!client.modeVerified) {
    // One read before the first write of this client: proves the key's environment (live_mode) and
    // that the account exists, so a production key configured as sandbox never moves money.
    await client.get(`/api/external_accounts/${input.externalAccountId}`, externalAccountSchema(), {
      signal,
    });
  }
  const { data } = await client.post(
    '/api/payment_orders',
    {
      type: 'ach',
      direction: 'debit',
      amount: input.amount,
      currency: 'USD',
      originating_account_id: input.originatingAccountId,
      receiving_account_id: input.externalAccountId,
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.statementDescriptor === undefined ? {} : { statement_descriptor: input.statementDescriptor }),
      ...(input.effectiveDate === undefined ? {} : { effective_date: input.effectiveDate }),
      ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    },
    paymentOrderSchema(),
    // Modern Treasury's keys are independent of the route: namespace the caller's key for payment orders.
    { idempotencyKey: deriveModernTreasuryKey('payment-order', [input.idempotencyKey]), signal },
  );
  const order = toPaymentOrder(data);
  assertSameOrder(order, input);
  return order;
}

/**
 * Creates an ACH debit as a payment order (`type: ach`, `direction: debit`). The Idempotency-Key derives
 * from the caller's `idempotencyKey`, so retries and re-runs within Modern Treasury's 24-hour window get
 * the same payment order; with a store (`claimPayment`) the key never debits twice, however much later.
 */
export async function createAchDebitOnce(
  client: MtClient,
  store: AdapterStore | undefined,
  input: z.output<ReturnType<typeof createAchDebitInputSchema>>,
  signal: AbortSignal | undefined,
): Promise<ModernTreasuryPaymentOrder> {
  if (store === undefined) return createPaymentOrder(client, input, signal);
  // The key is the validated idempotency key: the store's typed twin claims without parsing it again.
  const { value } = await typedTwin(store).claimPayment(
    { processor: 'modern_treasury', idempotencyKey: input.idempotencyKey },
    async () => {
      const order = await createPaymentOrder(client, input, signal);
      return { paymentId: order.id, payment: { ...order } };
    },
    { signal },
  );
  const stored: ModernTreasuryPaymentOrder = parseResponse(paymentOrderModelSchema(), value.payment, {
    provider: 'modern_treasury',
    endpoint: 'store: payment',
  });
  assertSameOrder(stored, input);
  return stored;
}

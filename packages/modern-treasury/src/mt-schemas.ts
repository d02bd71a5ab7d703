import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';

const metadataSchema = lazySchema(() => z.record(z.string(), z.string()).catch({}));

/** A Modern Treasury external account, as far as the adapter reads it (unknown fields pass). */
export const externalAccountSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    object: z.literal('external_account').optional(),
    live_mode: z.boolean(),
    counterparty_id: z.string().nullable(),
    account_type: z.string(),
    name: z.string().nullable().optional(),
    party_name: z.string().optional(),
    external_id: z.string().nullable().optional(),
    metadata: metadataSchema().optional(),
    verification_status: z.string(),
    verification_source: z.string().nullable().optional(),
    account_details: z.array(z.looseObject({ account_number_safe: z.string().optional() })),
    routing_details: z.array(z.looseObject({ routing_number: z.string(), bank_name: z.string().optional() })),
    created_at: z.string(),
    discarded_at: z.string().nullable().optional(),
  }),
);

/** A list of external accounts. */
export const externalAccountListSchema = lazySchema(() => z.array(externalAccountSchema()));

/** A Modern Treasury counterparty (the adapter reads its id, name, email and accounts). */
export const counterpartySchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    object: z.literal('counterparty').optional(),
    live_mode: z.boolean(),
    name: z.string().nullable(),
    email: z.string().nullable().optional(),
    external_id: z.string().nullable().optional(),
    metadata: metadataSchema().optional(),
    accounts: z.array(externalAccountSchema()).optional(),
    created_at: z.string(),
  }),
);

/** A list of counterparties. */
export const counterpartyListSchema = lazySchema(() => z.array(counterpartySchema()));

/** A Modern Treasury internal account (the adapter reads id, name, currency and ACH capabilities). */
export const internalAccountSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    live_mode: z.boolean(),
    name: z.string().nullable(),
    currency: z.string().optional(),
    account_capabilities: z
      .array(z.looseObject({ direction: z.string(), payment_type: z.string().nullable().optional() }))
      .optional(),
  }),
);

/** A list of internal accounts. */
export const internalAccountListSchema = lazySchema(() => z.array(internalAccountSchema()));

/** A payment order's return (`current_return`). */
export const returnSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    code: z.string().nullable(),
    reason: z.string().nullable().optional(),
    status: z.string().optional(),
  }),
);

/** A Modern Treasury payment order, as far as the adapter reads it. */
export const paymentOrderSchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    object: z.literal('payment_order').optional(),
    live_mode: z.boolean(),
    type: z.string(),
    direction: z.enum(['credit', 'debit']),
    amount: z.number().int(),
    currency: z.string(),
    status: z.string().min(1),
    originating_account_id: z.string(),
    receiving_account_id: z.string(),
    counterparty_id: z.string().nullable(),
    description: z.string().nullable().optional(),
    metadata: metadataSchema().optional(),
    effective_date: z.string().optional(),
    current_return: returnSchema().nullable().optional(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
);

/** The adapter's own payment order shape (`ModernTreasuryPaymentOrder`), as stored or passed back in. */
export const paymentOrderModelSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    status: z.string(),
    type: z.string(),
    direction: z.enum(['credit', 'debit']),
    amount: z.number().int(),
    currency: z.string(),
    originatingAccountId: z.string(),
    receivingAccountId: z.string(),
    counterpartyId: z.string().nullable(),
    description: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    returnCode: z.string().nullable(),
    returnReason: z.string().nullable(),
    liveMode: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

import { abortSignalSchema, idempotencyKeySchema, lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';
import { fundingSourceReferenceSchema } from './dwolla-adapter-schemas.js';
import { halLinksSchema } from './dwolla-schemas.js';
import { idFromReference } from './dwolla-url.js';

/** A transfer given as an id or a transfer URL. */
export const transferReferenceSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .refine((value) => idFromReference(value, 'transfers') !== undefined, {
      message: 'expected a Dwolla transfer id (UUID) or transfer URL (…/transfers/<id>)',
    }),
);

/** Input of `createTransfer`. */
export const createTransferInputSchema = lazySchema(() =>
  z.strictObject({
    source: fundingSourceReferenceSchema(),
    destination: fundingSourceReferenceSchema(),
    amount: z
      .string({ error: 'must be a decimal string in US dollars, e.g. "1.00"' })
      .trim()
      .regex(/^(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?$/, 'must be a decimal string in US dollars, e.g. "1.00"')
      .refine((value) => Number(value) > 0, 'must be more than 0'),
    idempotencyKey: idempotencyKeySchema(),
    correlationId: z
      .string()
      .regex(/^[a-z0-9._-]{1,255}$/i, 'must be 1–255 letters, digits, ".", "_" or "-"')
      .optional(),
    metadata: z
      .record(z.string().max(255), z.string().max(255), { error: 'must map strings to strings' })
      .refine((value) => Object.keys(value).length <= 10, 'may hold at most 10 keys')
      .optional(),
  }),
);

/** Input of `createTransfer`: a customer's bank funding source → your balance or funding source. */
export type CreateTransferInput = z.input<ReturnType<typeof createTransferInputSchema>>;

/** Per-call options with an optional AbortSignal. */
export const transferCallOptionsSchema = lazySchema(() =>
  z.strictObject({ signal: abortSignalSchema().optional() }).optional(),
);

/** A transfer resource (`GET /transfers/{id}`), the fields achbridge reads. */
export const transferSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    id: z.string().min(1),
    status: z.string().min(1),
    amount: z.looseObject({ value: z.string().min(1), currency: z.string().min(1) }),
    created: z.string().optional(),
    correlationId: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
);

/** Dwolla's transfer body type. */
export type TransferBody = z.output<ReturnType<typeof transferSchema>>;

/** The failure of a failed transfer (`GET /transfers/{id}/failure`): the ACH return code. */
export const transferFailureSchema = lazySchema(() =>
  z.looseObject({
    _links: halLinksSchema().optional(),
    code: z.string().min(1),
    description: z.string().optional(),
    explanation: z.string().optional(),
  }),
);

import {
  idempotencyKeySchema,
  lazySchema,
  linkTokenFields,
  type processorTokenInputSchema,
  withExactlyOneLinkToken,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { mtIdSchema } from './mt-option-schemas.js';

/** String metadata (Modern Treasury: keys and values are strings). */
export const metadataSchema = lazySchema(() => z.record(z.string().min(1).max(255), z.string().max(1000)));

/** Input of `link`. */
export const linkInputSchema = lazySchema(() =>
  withExactlyOneLinkToken(
    z.object({
      ...linkTokenFields(),
      /** The counterparty (its Modern Treasury id) that owns the bank account. */
      counterparty: mtIdSchema(),
      /** A nickname for the external account (internal only). */
      name: z.string().trim().min(1, 'must not be empty').max(255).optional(),
      bankAccountType: z.enum(['checking', 'savings']).optional(),
    }),
  ),
);

/** Input of `createCounterparty`. */
export const createCounterpartyInputSchema = lazySchema(() =>
  z.object({
    name: z.string().trim().min(1, 'must not be empty').max(255),
    email: z.email().optional(),
    /** Your own unique id for the counterparty (at most 180 characters); a re-run finds it instead of creating another. */
    externalId: z.string().trim().min(1).max(180).optional(),
    metadata: metadataSchema().optional(),
    idempotencyKey: idempotencyKeySchema().optional(),
  }),
);

/** Input of `createAchDebit`. */
export const createAchDebitInputSchema = lazySchema(() =>
  z.object({
    /** The external account to debit (from `link`). */
    externalAccountId: mtIdSchema(),
    /** Your internal account the money goes to (`listInternalAccounts`). */
    originatingAccountId: mtIdSchema(),
    /** In cents, a positive integer. */
    amount: z.number().int('must be an integer number of cents').positive().max(99_999_999_999),
    /** One per logical payment (e.g. your order id); a retry or re-run with it never debits twice. */
    idempotencyKey: idempotencyKeySchema(),
    description: z.string().trim().min(1).max(1000).optional(),
    statementDescriptor: z.string().trim().min(1).max(100).optional(),
    effectiveDate: z.iso.date().optional(),
    metadata: metadataSchema().optional(),
  }),
);

/** Input of `link`, before defaults. */
export type ModernTreasuryLinkInput = z.input<ReturnType<typeof linkInputSchema>>;
/** Input of `createProcessorToken`. */
export type CreateModernTreasuryProcessorTokenInput = z.input<ReturnType<typeof processorTokenInputSchema>>;
/** Input of `createCounterparty`. */
export type CreateCounterpartyInput = z.input<ReturnType<typeof createCounterpartyInputSchema>>;
/** Input of `createAchDebit`. */
export type CreateAchDebitInput = z.input<ReturnType<typeof createAchDebitInputSchema>>;

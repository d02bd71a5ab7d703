import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';
import { idempotencyKeySchema, mtIdSchema } from './mt-option-schemas.js';

const TOKEN_BODY = '(?:sandbox|development|production)-[A-Za-z0-9][A-Za-z0-9-]*';

/** A Plaid access token: `access-<environment>-<id>`. */
export const accessTokenSchema = lazySchema(() =>
  z
    .string()
    .regex(new RegExp(`^access-${TOKEN_BODY}$`), 'expected a Plaid access token (access-<environment>-<id>)'),
);

/** A Plaid public token: `public-<environment>-<id>`. */
export const publicTokenSchema = lazySchema(() =>
  z
    .string()
    .regex(new RegExp(`^public-${TOKEN_BODY}$`), 'expected a Plaid public token (public-<environment>-<id>)'),
);

/** A Plaid account id. */
export const accountIdSchema = lazySchema(() => z.string().trim().min(1, 'must not be empty').max(200));

/** String metadata (Modern Treasury: keys and values are strings). */
export const metadataSchema = lazySchema(() => z.record(z.string().min(1).max(255), z.string().max(1000)));

/** Input of `link`. */
export const linkInputSchema = lazySchema(() =>
  z
    .object({
      publicToken: publicTokenSchema().optional(),
      accessToken: accessTokenSchema().optional(),
      accountId: accountIdSchema(),
      /** The counterparty (its Modern Treasury id) that owns the bank account. */
      counterparty: mtIdSchema(),
      /** A nickname for the external account (internal only). */
      name: z.string().trim().min(1, 'must not be empty').max(255).optional(),
      bankAccountType: z.enum(['checking', 'savings']).optional(),
    })
    .refine((input) => (input.publicToken === undefined) !== (input.accessToken === undefined), {
      path: ['publicToken'],
      message: 'pass exactly one of `publicToken` or `accessToken`',
    }),
);

/** Input of `createProcessorToken`. */
export const createProcessorTokenInputSchema = lazySchema(() =>
  z.object({
    accessToken: accessTokenSchema(),
    accountId: accountIdSchema(),
  }),
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
export type CreateModernTreasuryProcessorTokenInput = z.input<
  ReturnType<typeof createProcessorTokenInputSchema>
>;
/** Input of `createCounterparty`. */
export type CreateCounterpartyInput = z.input<ReturnType<typeof createCounterpartyInputSchema>>;
/** Input of `createAchDebit`. */
export type CreateAchDebitInput = z.input<ReturnType<typeof createAchDebitInputSchema>>;

import {
  abortSignalSchema,
  idempotencyKeySchema,
  lazySchema,
  linkTokenFields,
  plaidProcessorTokenSchema,
  type processorTokenInputSchema,
  withExactlyOneLinkToken,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { idFromReference } from './dwolla-url.js';

/** A Dwolla customer given as an id or a customer URL. */
export const customerReferenceSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .refine((value) => idFromReference(value, 'customers') !== undefined, {
      message: 'expected a Dwolla customer id (UUID) or customer URL (…/customers/<id>)',
    }),
);

/** A funding source given as an id or a funding source URL. */
export const fundingSourceReferenceSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .refine((value) => idFromReference(value, 'funding-sources') !== undefined, {
      message: 'expected a Dwolla funding source id (UUID) or funding source URL (…/funding-sources/<id>)',
    }),
);

/** A funding source nickname (Dwolla allows at most 50 characters). */
export const fundingSourceNameSchema = lazySchema(() =>
  z.string().trim().min(1, 'must not be empty').max(50),
);

/** Dwolla bank account types achbridge can create from Plaid. */
export const bankAccountTypeSchema = lazySchema(() => z.enum(['checking', 'savings']));

/** How the processor token reaches Dwolla: `plaidToken` on the funding source, or Secure Exchange. */
export const methodSchema = lazySchema(() => z.enum(['plaid-token', 'exchange']));

/** Per-call options: an optional AbortSignal. */
export const callOptionsSchema = lazySchema(() =>
  z
    .object({
      signal: abortSignalSchema().optional(),
    })
    .optional(),
);

/** Input of `createFundingSource`. */
export const createFundingSourceInputSchema = lazySchema(() =>
  z
    .object({
      customer: customerReferenceSchema(),
      processorToken: plaidProcessorTokenSchema(),
      name: fundingSourceNameSchema(),
      bankAccountType: bankAccountTypeSchema().optional(),
      idempotencyKey: idempotencyKeySchema().optional(),
      method: methodSchema().default('plaid-token'),
    })
    .refine((input) => input.method !== 'exchange' || input.bankAccountType !== undefined, {
      path: ['bankAccountType'],
      message: "is required with method 'exchange'",
    }),
);

/** Input of `link`. */
export const linkInputSchema = lazySchema(() =>
  withExactlyOneLinkToken(
    z.object({
      ...linkTokenFields(),
      customer: customerReferenceSchema(),
      name: fundingSourceNameSchema(),
      bankAccountType: bankAccountTypeSchema().optional(),
      method: methodSchema().default('plaid-token'),
    }),
  ),
);

const NAME_FORBIDDEN = /[<>="`!?%~${}\\[\]]/;
const personName = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(50)
    .refine((value) => !NAME_FORBIDDEN.test(value), {
      message: 'must not contain < > = " ` ! ? % ~ $ { } [ ] or \\',
    }),
);

/** Input of `createCustomer` (unverified or receive-only customers). */
export const createCustomerInputSchema = lazySchema(() =>
  z.object({
    firstName: personName(),
    lastName: personName(),
    email: z.email(),
    type: z.enum(['unverified', 'receive-only']).default('unverified'),
    businessName: z.string().trim().min(1).max(255).optional(),
    correlationId: z
      .string()
      .max(255)
      .regex(/^[a-z0-9._-]+$/, 'may contain only a-z, 0-9, -, . and _')
      .optional(),
    ipAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
    phone: z
      .string()
      .regex(/^\d{10}$/, 'expected 10 digits')
      .optional(),
    idempotencyKey: idempotencyKeySchema().optional(),
  }),
);

/** Options of `listFundingSources`. */
export const listFundingSourcesOptionsSchema = lazySchema(() =>
  z
    .object({
      removed: z.boolean().optional(),
      signal: abortSignalSchema().optional(),
    })
    .optional(),
);

/** Input of `link`, before defaults. */
export type DwollaLinkInput = z.input<ReturnType<typeof linkInputSchema>>;
/** Input of `createFundingSource`, before defaults. */
export type CreateFundingSourceInput = z.input<ReturnType<typeof createFundingSourceInputSchema>>;
/** Input of `createProcessorToken`. */
export type CreateProcessorTokenInput = z.input<ReturnType<typeof processorTokenInputSchema>>;
/** Input of `createCustomer`, before defaults. */
export type CreateCustomerInput = z.input<ReturnType<typeof createCustomerInputSchema>>;

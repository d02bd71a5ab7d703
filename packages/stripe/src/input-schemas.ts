import { lazySchema, plaidAccountIdSchema } from '@achbridge/core/internal';
import { z } from 'zod';

/** An optional AbortSignal. */
export const signalSchema = lazySchema(() =>
  z
    .custom<AbortSignal>((value) => value instanceof AbortSignal, { message: 'expected an AbortSignal' })
    .optional(),
);

const nonEmpty = lazySchema(() => z.string().trim().min(1, 'must be a non-empty string'));

/** A Plaid token: non-empty and bounded (Plaid's are well under 100 characters), so a hostile value is refused before any call. */
const plaidValue = lazySchema(() => nonEmpty().max(2000, 'must be at most 2000 characters'));

/** What follows the prefix of a Stripe id: letters and digits only, so nothing else reaches a URL path. */
const STRIPE_ID_BODY = /^[A-Za-z0-9]{1,255}$/;

function prefixed(prefixes: readonly string[], what: string) {
  return z
    .string()
    .trim()
    .refine(
      (value) =>
        prefixes.some(
          (prefix) => value.startsWith(prefix) && STRIPE_ID_BODY.test(value.slice(prefix.length)),
        ),
      {
        message: `must be a Stripe ${what} id (${prefixes.map((prefix) => `${prefix}...`).join(' or ')}, letters and digits)`,
      },
    );
}

/** A Stripe customer id. */
export const customerIdSchema = prefixed(['cus_'], 'customer');
/** A Stripe bank account id (`ba_`), or a PaymentMethod id (`pm_`) for an already migrated account. */
export const bankAccountIdSchema = prefixed(['ba_', 'pm_'], 'bank account');
/** A Stripe mandate id. */
export const mandateIdSchema = prefixed(['mandate_'], 'mandate');
/** A Stripe PaymentIntent id. */
export const paymentIntentIdSchema = prefixed(['pi_'], 'PaymentIntent');

/** Stripe metadata: up to 50 string keys (40 chars) with string values (500 chars). */
export const metadataSchema = lazySchema(() =>
  z
    .record(z.string().min(1).max(40), z.string().max(500))
    .refine((value) => Object.keys(value).length <= 50, { message: 'at most 50 keys' }),
);

/** Input of `createBankAccountToken`. */
export const bankAccountTokenInputSchema = lazySchema(() =>
  z.object({
    accessToken: plaidValue(),
    accountId: plaidAccountIdSchema(),
    signal: signalSchema(),
  }),
);

const customerByIdSchema = lazySchema(() => z.object({ id: customerIdSchema }).strict());
const customerByEmailSchema = lazySchema(() =>
  z
    .object({
      email: z.string().trim().pipe(z.email('must be an email address')),
      name: z.string().trim().min(1).max(256).optional(),
      metadata: metadataSchema().optional(),
    })
    .strict(),
);

/** Input of `link`. */
export const linkInputSchema = lazySchema(() =>
  z
    .object({
      publicToken: plaidValue().optional(),
      accessToken: plaidValue().optional(),
      accountId: plaidAccountIdSchema(),
      customer: z.union([customerByIdSchema(), customerByEmailSchema()], {
        error: 'must be { id: "cus_..." } or { email, name?, metadata? }',
      }),
      signal: signalSchema(),
    })
    .superRefine((value, context) => {
      if ((value.publicToken === undefined) === (value.accessToken === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [value.publicToken === undefined ? 'publicToken' : 'accessToken'],
          message: 'pass exactly one of publicToken or accessToken',
        });
      }
    }),
);

const acceptedAtSchema = lazySchema(() =>
  z
    .union([z.date(), z.number().int().positive()])
    .optional()
    .transform((value) => (value instanceof Date ? Math.floor(value.getTime() / 1000) : value)),
);

/** How the customer accepted the ACH debit mandate. */
export const acceptanceSchema = lazySchema(() =>
  z.discriminatedUnion(
    'type',
    [
      z.object({
        type: z.literal('online'),
        ipAddress: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IPv4 or IPv6 address' }),
        userAgent: nonEmpty(),
        acceptedAt: acceptedAtSchema(),
      }),
      z.object({ type: z.literal('offline'), acceptedAt: acceptedAtSchema() }),
    ],
    { error: "must be { type: 'online', ipAddress, userAgent } or { type: 'offline' }" },
  ),
);

/** Input of `createMandate`. */
export const createMandateInputSchema = lazySchema(() =>
  z.object({
    customerId: customerIdSchema,
    bankAccountId: bankAccountIdSchema,
    acceptance: acceptanceSchema(),
    signal: signalSchema(),
  }),
);

/** Input of `createAchPayment`. */
export const createAchPaymentInputSchema = lazySchema(() =>
  z
    .object({
      customerId: customerIdSchema,
      bankAccountId: bankAccountIdSchema,
      amount: z
        .number({ error: 'must be a number of cents' })
        .int('must be a whole number of cents')
        .positive('must be a positive number of cents')
        .max(99_999_999, 'must be at most 99999999 cents'),
      currency: z
        .string()
        .trim()
        .toLowerCase()
        .refine((value) => value === 'usd', { message: 'ACH debits are in USD only: use "usd"' })
        .default('usd'),
      mandateId: mandateIdSchema.nullish().transform((value) => value ?? undefined),
      acceptance: acceptanceSchema().optional(),
      idempotencyKey: z.string().trim().min(1).max(255, 'must be at most 255 characters').optional(),
      description: z.string().max(1000).optional(),
      metadata: metadataSchema().optional(),
      signal: signalSchema(),
    })
    .superRefine((value, context) => {
      if (value.mandateId !== undefined && value.acceptance !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['acceptance'],
          message: 'pass either mandateId (an existing mandate) or acceptance (a new one), not both',
        });
      }
    }),
);

/** The per-call options of `getPayment` (its second argument). */
export const getPaymentOptionsSchema = lazySchema(() => z.object({ signal: signalSchema() }).optional());

/** Input of `getPayment`. */
export const getPaymentInputSchema = lazySchema(() =>
  z.object({
    paymentIntentId: paymentIntentIdSchema,
    signal: signalSchema(),
  }),
);

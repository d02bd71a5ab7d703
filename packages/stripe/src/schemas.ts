import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';

const metadataSchema = lazySchema(() => z.record(z.string(), z.string()).nullish());

/** A reference to another Stripe object: its id, or the expanded object. */
const objectRefSchema = lazySchema(() => z.union([z.string(), z.object({ id: z.string() })]).nullish());

/** A Stripe customer bank account (`ba_...`). */
export const bankAccountSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    object: z.literal('bank_account'),
    last4: z.string().min(1),
    bank_name: z.string().nullish(),
    routing_number: z.string().nullish(),
    status: z.string().min(1),
    fingerprint: z.string().nullish(),
    customer: objectRefSchema(),
    country: z.string().nullish(),
    currency: z.string().nullish(),
    metadata: metadataSchema(),
  }),
);

/** A Stripe bank account as returned by Stripe. */
export type StripeBankAccountObject = z.output<ReturnType<typeof bankAccountSchema>>;

/** A Stripe `us_bank_account` PaymentMethod (`pm_...`), e.g. one created from a Plaid processor token. */
export const usBankAccountPaymentMethodSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    object: z.literal('payment_method'),
    type: z.literal('us_bank_account'),
    customer: objectRefSchema(),
    metadata: metadataSchema(),
    us_bank_account: z.object({
      last4: z.string().min(1),
      bank_name: z.string().nullish(),
      routing_number: z.string().nullish(),
      fingerprint: z.string().nullish(),
      account_type: z.string().nullish(),
    }),
  }),
);

/** A Stripe `us_bank_account` PaymentMethod as returned by Stripe. */
export type StripeUsBankAccountPaymentMethod = z.output<ReturnType<typeof usBankAccountPaymentMethodSchema>>;

/** A Stripe token (`btok_...`) carrying a bank account. */
export const bankAccountTokenSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    object: z.literal('token'),
    type: z.literal('bank_account'),
    livemode: z.boolean(),
    used: z.boolean().optional(),
    bank_account: bankAccountSchema().extend({ customer: objectRefSchema() }),
  }),
);

/** A Stripe customer. */
export const customerSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    object: z.literal('customer'),
    email: z.string().nullish(),
    created: z.number(),
    metadata: metadataSchema(),
    deleted: z.boolean().optional(),
  }),
);

/** A Stripe list page of `item`. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });
}

const lastErrorSchema = lazySchema(() =>
  z
    .object({
      code: z.string().nullish(),
      decline_code: z.string().nullish(),
      message: z.string().nullish(),
      type: z.string().nullish(),
    })
    .nullish(),
);

/** A Stripe SetupIntent (mandate collection). */
export const setupIntentSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    object: z.literal('setup_intent'),
    status: z.string().min(1),
    mandate: objectRefSchema(),
    customer: objectRefSchema(),
    payment_method: objectRefSchema(),
    created: z.number().optional(),
    last_setup_error: lastErrorSchema(),
  }),
);

/** A Stripe PaymentIntent. */
export const paymentIntentSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1),
    object: z.literal('payment_intent'),
    status: z.string().min(1),
    amount: z.number().int(),
    currency: z.string().min(1),
    customer: objectRefSchema(),
    payment_method: objectRefSchema(),
    last_payment_error: lastErrorSchema(),
  }),
);

/** The id of an optional Stripe object reference. */
export function refId(ref: string | { id: string } | null | undefined): string | null {
  if (ref === null || ref === undefined) return null;
  return typeof ref === 'string' ? ref : ref.id;
}

import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

// Tolerant response schemas: only the fields achbridge reads; unknown fields are ignored and fields
// Plaid may omit or null are nullish.

const nullableString = lazySchema(() => z.string().nullish());
const nullableNumber = lazySchema(() => z.number().nullish());

/** Plaid's error object (API error answers, `item.error`, webhooks). */
export const plaidErrorBodySchema = z.object({
  error_type: z.string().min(1),
  error_code: z.string().min(1),
  error_code_reason: nullableString(),
  error_message: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
  display_message: nullableString().transform((value) => value ?? null),
  request_id: z.string().optional(),
  causes: z.array(z.unknown()).optional(),
  status: z.number().nullish(),
  documentation_url: z.string().optional(),
  suggested_action: nullableString(),
});

/** A Plaid AccountBase (subset). */
export const plaidAccountSchema = lazySchema(() =>
  z.object({
    account_id: z.string().min(1),
    name: z.string(),
    official_name: nullableString(),
    mask: nullableString(),
    type: z.string(),
    subtype: nullableString(),
    verification_status: nullableString(),
    persistent_account_id: nullableString(),
    balances: z.object({
      available: nullableNumber(),
      current: nullableNumber(),
      iso_currency_code: nullableString(),
    }),
  }),
);

/** A Plaid Item (subset). */
export const plaidItemSchema = lazySchema(() =>
  z.object({
    item_id: z.string().min(1),
    institution_id: nullableString(),
    webhook: nullableString(),
    error: plaidErrorBodySchema.nullish(),
    available_products: z.array(z.string()).nullish(),
    billed_products: z.array(z.string()).nullish(),
    consent_expiration_time: nullableString(),
  }),
);

/** A Plaid Institution (subset). */
export const plaidInstitutionSchema = lazySchema(() =>
  z.object({
    institution_id: z.string().min(1),
    name: z.string(),
    products: z.array(z.string()),
    country_codes: z.array(z.string()),
    routing_numbers: z.array(z.string()).nullish(),
    oauth: z.boolean().nullish(),
  }),
);

const requestId = lazySchema(() => z.string().min(1));

/** `/item/public_token/exchange` answer. */
export const exchangePublicTokenResponseSchema = lazySchema(() =>
  z.object({
    access_token: z.string().min(1),
    item_id: z.string().min(1),
    request_id: requestId(),
  }),
);

/** `/link/token/create` answer. */
export const linkTokenCreateResponseSchema = lazySchema(() =>
  z.object({
    link_token: z.string().min(1),
    expiration: z.string().min(1),
    request_id: requestId(),
  }),
);

/** `/accounts/get` answer. */
export const accountsGetResponseSchema = lazySchema(() =>
  z.object({
    accounts: z.array(plaidAccountSchema()),
    item: plaidItemSchema(),
    request_id: requestId(),
  }),
);

/** `/auth/get` answer. */
export const authGetResponseSchema = lazySchema(() =>
  z.object({
    accounts: z.array(plaidAccountSchema()),
    numbers: z.object({
      ach: z.array(
        z.object({
          account_id: z.string().min(1),
          account: z.string().min(1),
          routing: z.string().min(1),
          wire_routing: nullableString(),
          is_tokenized_account_number: z.boolean().nullish(),
        }),
      ),
    }),
    item: plaidItemSchema(),
    request_id: requestId(),
  }),
);

/** `/item/get` and `/item/webhook/update` answers. */
export const itemResponseSchema = lazySchema(() =>
  z.object({ item: plaidItemSchema(), request_id: requestId() }),
);

/** `/item/remove` answer. */
export const itemRemoveResponseSchema = lazySchema(() => z.object({ request_id: requestId() }));

/** `/institutions/get_by_id` answer. */
export const institutionGetByIdResponseSchema = lazySchema(() =>
  z.object({
    institution: plaidInstitutionSchema(),
    request_id: requestId(),
  }),
);

/** `/institutions/search` answer. */
export const institutionsSearchResponseSchema = lazySchema(() =>
  z.object({
    institutions: z.array(plaidInstitutionSchema()),
    request_id: requestId(),
  }),
);

/** `/sandbox/public_token/create` answer. */
export const sandboxPublicTokenCreateResponseSchema = lazySchema(() =>
  z.object({
    public_token: z.string().min(1),
    request_id: requestId(),
  }),
);

/** `/sandbox/item/reset_login` answer. */
export const sandboxResetLoginResponseSchema = lazySchema(() =>
  z.object({ reset_login: z.boolean(), request_id: requestId() }),
);

/** `/sandbox/item/fire_webhook` answer. */
export const sandboxFireWebhookResponseSchema = lazySchema(() =>
  z.object({
    webhook_fired: z.boolean(),
    request_id: requestId(),
  }),
);

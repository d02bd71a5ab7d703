import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';

import { PLAID_COUNTRY_CODES } from './plaid-country-codes.generated.js';

/** The country codes Plaid accepts (OpenAPI `CountryCode`, generated from the project's Plaid spec subset). */
export { PLAID_COUNTRY_CODES };

const requiredOr = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;
const nonEmpty = lazySchema(() =>
  z
    .string({ error: requiredOr('a string') })
    .trim()
    .min(1, 'must be a non-empty string'),
);
const token = lazySchema(() =>
  z
    .string({ error: requiredOr('a token string') })
    .trim()
    .min(1, 'must be a non-empty token string'),
);
const httpUrl = lazySchema(() => z.url({ protocol: /^https?$/, error: requiredOr('an http(s) URL') }));
const countryCodes = lazySchema(() =>
  z
    .array(z.enum(PLAID_COUNTRY_CODES, { message: `must be one of ${PLAID_COUNTRY_CODES.join(', ')}` }), {
      error: requiredOr('an array of country codes such as ["US"]'),
    })
    .min(1, 'must list at least one country code'),
);
const product = lazySchema(() =>
  z.string().regex(/^[a-z][a-z_]*$/, 'must be a Plaid product name such as auth'),
);
const products = lazySchema(() =>
  z
    .array(product(), { error: requiredOr('an array of products such as ["auth"]') })
    .min(1, 'must list at least one product'),
);
const accountIds = lazySchema(() =>
  z.array(nonEmpty()).min(1, 'must list at least one account id when given'),
);

/** Input of `exchangePublicToken`. */
export const exchangePublicTokenInputSchema = lazySchema(() => z.strictObject({ publicToken: token() }));

/** Input of `createLinkToken` (update mode = `accessToken` without products). */
export const createLinkTokenInputSchema = lazySchema(() =>
  z
    .strictObject({
      clientName: nonEmpty(),
      clientUserId: nonEmpty(),
      countryCodes: countryCodes().optional(),
      language: z
        .string()
        .regex(/^[a-z]{2}$/, 'must be a two-letter language code such as en')
        .optional(),
      products: products().optional(),
      webhook: httpUrl().optional(),
      accessToken: token().optional(),
      redirectUri: httpUrl().optional(),
      accountSelectionEnabled: z.boolean().optional(),
    })
    .superRefine((input, context) => {
      if (input.accessToken === undefined) {
        if (input.products === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['products'],
            message: 'is required to link a new Item (pass accessToken instead for update mode)',
          });
        }
        if (input.accountSelectionEnabled !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['accountSelectionEnabled'],
            message: 'only applies to update mode (with accessToken)',
          });
        }
      } else if (input.products !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['products'],
          message: 'must be omitted in update mode (accessToken given); the Item keeps its products',
        });
      }
      const balanceAt = input.products?.indexOf('balance') ?? -1;
      if (balanceAt >= 0) {
        context.addIssue({
          code: 'custom',
          path: ['products', balanceAt],
          message: "'balance' cannot initialise Link; it is always available, use 'auth' for ACH",
        });
      }
    }),
);

/** Input of `getAccounts` and `getAuth`. */
export const accountsInputSchema = lazySchema(() =>
  z.strictObject({ accessToken: token(), accountIds: accountIds().optional() }),
);

/** Input of `getItem`, `removeItem` and `sandbox.resetLogin`. */
export const accessTokenInputSchema = lazySchema(() => z.strictObject({ accessToken: token() }));

/** Input of `updateItemWebhook` (`null` removes the webhook). */
export const updateItemWebhookInputSchema = lazySchema(() =>
  z.strictObject({
    accessToken: token(),
    webhook: httpUrl().nullable(),
  }),
);

/** Input of `getInstitutionById`. */
export const getInstitutionByIdInputSchema = lazySchema(() =>
  z.strictObject({ institutionId: nonEmpty(), countryCodes: countryCodes() }),
);

/** Input of `searchInstitutions`. */
export const searchInstitutionsInputSchema = lazySchema(() =>
  z.strictObject({
    query: nonEmpty(),
    countryCodes: countryCodes(),
    products: products().optional(),
  }),
);

/** Input of `sandbox.createPublicToken`. */
export const sandboxCreatePublicTokenInputSchema = lazySchema(() =>
  z.strictObject({
    institutionId: nonEmpty(),
    initialProducts: products(),
    webhook: httpUrl().optional(),
    overrideUsername: nonEmpty().optional(),
    overridePassword: nonEmpty().optional(),
  }),
);

/** Input of `sandbox.fireWebhook`. */
export const sandboxFireWebhookInputSchema = lazySchema(() =>
  z.strictObject({
    accessToken: token(),
    webhookCode: z.string().regex(/^[A-Z][A-Z_]*$/, 'must be a Plaid webhook code such as DEFAULT_UPDATE'),
    webhookType: z
      .string()
      .regex(/^[A-Z][A-Z_]*$/, 'must be a Plaid webhook type such as AUTH')
      .optional(),
  }),
);

/** Per-call options accepted by every method. */
export const callOptionsSchema = lazySchema(() =>
  z
    .strictObject({ signal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }).optional() })
    .optional(),
);

/** Options of `PlaidClient.request`: a signal and a per-call retry limit. */
export const requestOptionsSchema = lazySchema(() =>
  z
    .strictObject({
      signal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }).optional(),
      maxRetries: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(10).optional(),
    })
    .optional(),
);

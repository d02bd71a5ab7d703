import {
  PLAID_COUNTRY_CODES,
  PLAID_FIRE_WEBHOOK_TYPES,
  PLAID_ITEM_REMOVE_REASONS,
  PLAID_PRODUCTS,
} from './plaid-enums.js';
import type { PlaidField, PlaidFields } from './plaid-schema.js';

// Request bodies per endpoint, from Plaid's OpenAPI request schemas (required fields, types, enums).
// Fields the spec subset marks as omitted (`x-subset-omitted-properties`) are accepted without checks.

const credentials: PlaidFields = {
  client_id: { kind: 'string' },
  secret: { kind: 'string' },
};
const accessToken: PlaidField = { kind: 'string', required: true };
const products: PlaidField = { kind: 'array', items: { kind: 'string', values: PLAID_PRODUCTS } };
const countryCodes: PlaidField = {
  kind: 'array',
  required: true,
  minItems: 1,
  items: { kind: 'string', values: PLAID_COUNTRY_CODES },
};
const accountIdsOptions: PlaidField = {
  kind: 'object',
  fields: { account_ids: { kind: 'array', items: { kind: 'string' } } },
};
const anyFields = (names: readonly string[]): PlaidFields =>
  Object.fromEntries(names.map((name) => [name, { kind: 'any' } as PlaidField]));

/** `/sandbox/public_token/create`. */
export const SANDBOX_PUBLIC_TOKEN_CREATE: PlaidFields = {
  ...credentials,
  institution_id: { kind: 'string', required: true },
  initial_products: { ...products, required: true, minItems: 1 } as PlaidField,
  options: {
    kind: 'object',
    fields: {
      webhook: { kind: 'string' },
      override_username: { kind: 'string', nullable: true },
      override_password: { kind: 'string', nullable: true },
      transactions: {
        kind: 'object',
        fields: {
          start_date: { kind: 'string' },
          end_date: { kind: 'string' },
          days_requested: { kind: 'integer', minimum: 1, maximum: 730 },
        },
      },
      ...anyFields(['statements', 'income_verification']),
    },
  },
  user_token: { kind: 'string' },
  user_id: { kind: 'string' },
};

/** `/item/public_token/exchange`. */
export const ITEM_PUBLIC_TOKEN_EXCHANGE: PlaidFields = {
  ...credentials,
  public_token: { kind: 'string', required: true },
};

/** Endpoints that take only an access token: `/item/get`, `/item/public_token/create`, `/sandbox/item/reset_login`. */
export const ACCESS_TOKEN_ONLY: PlaidFields = { ...credentials, access_token: accessToken };

/** `/accounts/get` and `/auth/get`. */
export const ACCOUNTS_GET: PlaidFields = {
  ...credentials,
  access_token: accessToken,
  options: accountIdsOptions,
};

/** `/item/remove`. */
export const ITEM_REMOVE: PlaidFields = {
  ...credentials,
  access_token: accessToken,
  reason_code: { kind: 'string', nullable: true, values: PLAID_ITEM_REMOVE_REASONS },
  reason_note: { kind: 'string', nullable: true },
};

/** `/item/webhook/update`. */
export const ITEM_WEBHOOK_UPDATE: PlaidFields = {
  ...credentials,
  access_token: accessToken,
  webhook: { kind: 'string', nullable: true },
};

/** `/link/token/create` (Link configuration fields beyond these are accepted unchecked). */
export const LINK_TOKEN_CREATE: PlaidFields = {
  ...credentials,
  client_name: { kind: 'string', required: true, minLength: 1 },
  language: { kind: 'string', required: true, minLength: 1 },
  country_codes: countryCodes,
  user: {
    kind: 'object',
    fields: { client_user_id: { kind: 'string', required: true, minLength: 1 } },
    open: true,
  },
  user_id: { kind: 'string' },
  products: { ...products, nullable: true } as PlaidField,
  required_if_supported_products: { ...products, nullable: true } as PlaidField,
  optional_products: { ...products, nullable: true } as PlaidField,
  additional_consented_products: { ...products, nullable: true } as PlaidField,
  webhook: { kind: 'string' },
  access_token: { kind: 'string', nullable: true, minLength: 1 },
  link_customization_name: { kind: 'string' },
  redirect_uri: { kind: 'string' },
  android_package_name: { kind: 'string' },
  account_filters: { kind: 'object', fields: {}, open: true },
  auth: { kind: 'object', fields: {}, open: true },
  update: { kind: 'object', fields: {}, open: true },
  ...anyFields([
    'access_tokens',
    'appearance_mode',
    'institution_data',
    'card_switch',
    'eu_config',
    'institution_id',
    'payment_configuration',
    'payment_initiation',
    'employment',
    'income_verification',
    'base_report',
    'credit_partner_insights',
    'cra_options',
    'consumer_report_permissible_purpose',
    'transfer',
    'identity_verification',
    'statements',
    'third_party_user_token',
    'investments',
    'investments_auth',
    'hosted_link',
    'transactions',
    'cashflow_report',
    'cra_enabled',
    'identity',
    'financekit_supported',
    'enable_multi_item_link',
    'user_token',
  ]),
};

/** `/institutions/get`. */
export const INSTITUTIONS_GET: PlaidFields = {
  ...credentials,
  count: { kind: 'integer', required: true, minimum: 1, maximum: 500 },
  offset: { kind: 'integer', required: true, minimum: 0 },
  country_codes: countryCodes,
  options: {
    kind: 'object',
    fields: {
      products: { ...products, nullable: true, minItems: 1 } as PlaidField,
      routing_numbers: { kind: 'array', nullable: true, items: { kind: 'string' } },
      oauth: { kind: 'boolean', nullable: true },
      include_optional_metadata: { kind: 'boolean' },
      include_auth_metadata: { kind: 'boolean' },
      include_payment_initiation_metadata: { kind: 'boolean' },
    },
  },
};

/** `/institutions/search`. */
export const INSTITUTIONS_SEARCH: PlaidFields = {
  ...credentials,
  query: { kind: 'string', required: true, minLength: 1 },
  products: { ...products, nullable: true, minItems: 1 } as PlaidField,
  country_codes: countryCodes,
  options: {
    kind: 'object',
    fields: {
      oauth: { kind: 'boolean', nullable: true },
      include_optional_metadata: { kind: 'boolean' },
      include_auth_metadata: { kind: 'boolean', nullable: true },
      include_payment_initiation_metadata: { kind: 'boolean', nullable: true },
      payment_initiation: { kind: 'object', fields: {}, open: true },
    },
  },
};

/** `/institutions/get_by_id`. */
export const INSTITUTIONS_GET_BY_ID: PlaidFields = {
  ...credentials,
  institution_id: { kind: 'string', required: true, minLength: 1 },
  country_codes: countryCodes,
  options: {
    kind: 'object',
    fields: {
      include_optional_metadata: { kind: 'boolean' },
      include_status: { kind: 'boolean' },
      include_auth_metadata: { kind: 'boolean' },
      include_payment_initiation_metadata: { kind: 'boolean' },
    },
  },
};

/** `/processor/stripe/bank_account_token/create`. */
export const PROCESSOR_STRIPE_TOKEN_CREATE: PlaidFields = {
  ...credentials,
  access_token: accessToken,
  account_id: { kind: 'string', required: true },
};

/** `/processor/token/create`. */
export const PROCESSOR_TOKEN_CREATE: PlaidFields = {
  ...credentials,
  access_token: accessToken,
  account_id: { kind: 'string', required: true },
  // The values are checked by the handler: the spec's names plus the one enabled for Stripe, if any.
  processor: { kind: 'string', required: true },
};

/** `/webhook_verification_key/get`. */
export const WEBHOOK_VERIFICATION_KEY_GET: PlaidFields = {
  ...credentials,
  key_id: { kind: 'string', required: true },
};

/** `/sandbox/item/fire_webhook` (the handler checks `webhook_code`, to give Plaid's specific refusals). */
export const SANDBOX_ITEM_FIRE_WEBHOOK: PlaidFields = {
  ...credentials,
  access_token: accessToken,
  webhook_code: { kind: 'string', required: true },
  webhook_type: { kind: 'string', values: PLAID_FIRE_WEBHOOK_TYPES },
};

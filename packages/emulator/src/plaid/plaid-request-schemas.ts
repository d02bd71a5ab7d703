import type { ArrayFieldSpec, FieldSpec, FieldSpecs } from '../kernel/field-spec-types.js';
import {
  PLAID_COUNTRY_CODES,
  PLAID_FIRE_WEBHOOK_TYPES,
  PLAID_ITEM_REMOVE_REASONS,
  PLAID_PRODUCTS,
} from './plaid-enums.js';

// Request bodies per endpoint, from Plaid's OpenAPI request schemas (required fields, types, enums).
// Fields the spec subset marks as omitted (`x-subset-omitted-properties`) are accepted without checks.

const credentials: FieldSpecs = {
  client_id: { type: 'string' },
  secret: { type: 'string' },
};
const accessToken: FieldSpec = { type: 'string', required: true };
const products: ArrayFieldSpec = { type: 'array', items: { type: 'enum', values: PLAID_PRODUCTS } };
const countryCodes: ArrayFieldSpec = {
  type: 'array',
  required: true,
  minItems: 1,
  items: { type: 'enum', values: PLAID_COUNTRY_CODES },
};
const accountIdsOptions: FieldSpec = {
  type: 'object',
  fields: { account_ids: { type: 'array', items: { type: 'string' } } },
};
const anyFields = (names: readonly string[]): FieldSpecs =>
  Object.fromEntries(names.map((name): [string, FieldSpec] => [name, { type: 'any' }]));

/** `/sandbox/public_token/create`. */
export const SANDBOX_PUBLIC_TOKEN_CREATE: FieldSpecs = {
  ...credentials,
  institution_id: { type: 'string', required: true },
  initial_products: { ...products, required: true, minItems: 1 },
  options: {
    type: 'object',
    fields: {
      webhook: { type: 'string' },
      override_username: { type: 'string', nullable: true },
      override_password: { type: 'string', nullable: true },
      transactions: {
        type: 'object',
        fields: {
          start_date: { type: 'string' },
          end_date: { type: 'string' },
          days_requested: { type: 'integer', minimum: 1, maximum: 730 },
        },
      },
      ...anyFields(['statements', 'income_verification']),
    },
  },
  user_token: { type: 'string' },
  user_id: { type: 'string' },
};

/** `/item/public_token/exchange`. */
export const ITEM_PUBLIC_TOKEN_EXCHANGE: FieldSpecs = {
  ...credentials,
  public_token: { type: 'string', required: true },
};

/** Endpoints that take only an access token: `/item/get`, `/item/public_token/create`, `/sandbox/item/reset_login`. */
export const ACCESS_TOKEN_ONLY: FieldSpecs = { ...credentials, access_token: accessToken };

/** `/accounts/get` and `/auth/get`. */
export const ACCOUNTS_GET: FieldSpecs = {
  ...credentials,
  access_token: accessToken,
  options: accountIdsOptions,
};

/** `/item/remove`. */
export const ITEM_REMOVE: FieldSpecs = {
  ...credentials,
  access_token: accessToken,
  reason_code: { type: 'enum', nullable: true, values: PLAID_ITEM_REMOVE_REASONS },
  reason_note: { type: 'string', nullable: true },
};

/** `/item/webhook/update`. */
export const ITEM_WEBHOOK_UPDATE: FieldSpecs = {
  ...credentials,
  access_token: accessToken,
  webhook: { type: 'string', nullable: true },
};

/** `/link/token/create` (Link configuration fields beyond these are accepted unchecked). */
export const LINK_TOKEN_CREATE: FieldSpecs = {
  ...credentials,
  client_name: { type: 'string', required: true, minLength: 1 },
  language: { type: 'string', required: true, minLength: 1 },
  country_codes: countryCodes,
  user: {
    type: 'object',
    fields: { client_user_id: { type: 'string', required: true, minLength: 1 } },
    unknown: 'allow',
  },
  user_id: { type: 'string' },
  products: { ...products, nullable: true },
  required_if_supported_products: { ...products, nullable: true },
  optional_products: { ...products, nullable: true },
  additional_consented_products: { ...products, nullable: true },
  webhook: { type: 'string' },
  access_token: { type: 'string', nullable: true, minLength: 1 },
  link_customization_name: { type: 'string' },
  redirect_uri: { type: 'string' },
  android_package_name: { type: 'string' },
  account_filters: { type: 'object', fields: {}, unknown: 'allow' },
  auth: { type: 'object', fields: {}, unknown: 'allow' },
  update: { type: 'object', fields: {}, unknown: 'allow' },
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
export const INSTITUTIONS_GET: FieldSpecs = {
  ...credentials,
  count: { type: 'integer', required: true, minimum: 1, maximum: 500 },
  offset: { type: 'integer', required: true, minimum: 0 },
  country_codes: countryCodes,
  options: {
    type: 'object',
    fields: {
      products: { ...products, nullable: true, minItems: 1 },
      routing_numbers: { type: 'array', nullable: true, items: { type: 'string' } },
      oauth: { type: 'boolean', nullable: true },
      include_optional_metadata: { type: 'boolean' },
      include_auth_metadata: { type: 'boolean' },
      include_payment_initiation_metadata: { type: 'boolean' },
    },
  },
};

/** `/institutions/search`. */
export const INSTITUTIONS_SEARCH: FieldSpecs = {
  ...credentials,
  query: { type: 'string', required: true, minLength: 1 },
  products: { ...products, nullable: true, minItems: 1 },
  country_codes: countryCodes,
  options: {
    type: 'object',
    fields: {
      oauth: { type: 'boolean', nullable: true },
      include_optional_metadata: { type: 'boolean' },
      include_auth_metadata: { type: 'boolean', nullable: true },
      include_payment_initiation_metadata: { type: 'boolean', nullable: true },
      payment_initiation: { type: 'object', fields: {}, unknown: 'allow' },
    },
  },
};

/** `/institutions/get_by_id`. */
export const INSTITUTIONS_GET_BY_ID: FieldSpecs = {
  ...credentials,
  institution_id: { type: 'string', required: true, minLength: 1 },
  country_codes: countryCodes,
  options: {
    type: 'object',
    fields: {
      include_optional_metadata: { type: 'boolean' },
      include_status: { type: 'boolean' },
      include_auth_metadata: { type: 'boolean' },
      include_payment_initiation_metadata: { type: 'boolean' },
    },
  },
};

/** `/processor/stripe/bank_account_token/create`. */
export const PROCESSOR_STRIPE_TOKEN_CREATE: FieldSpecs = {
  ...credentials,
  access_token: accessToken,
  account_id: { type: 'string', required: true },
};

/** `/processor/token/create`. */
export const PROCESSOR_TOKEN_CREATE: FieldSpecs = {
  ...credentials,
  access_token: accessToken,
  account_id: { type: 'string', required: true },
  // The values are checked by the handler: the spec's names plus the one enabled for Stripe, if any.
  processor: { type: 'string', required: true },
};

/** `/webhook_verification_key/get`. */
export const WEBHOOK_VERIFICATION_KEY_GET: FieldSpecs = {
  ...credentials,
  key_id: { type: 'string', required: true },
};

/** `/sandbox/item/fire_webhook` (the handler checks `webhook_code`, to give Plaid's specific refusals). */
export const SANDBOX_ITEM_FIRE_WEBHOOK: FieldSpecs = {
  ...credentials,
  access_token: accessToken,
  webhook_code: { type: 'string', required: true },
  webhook_type: { type: 'enum', values: PLAID_FIRE_WEBHOOK_TYPES },
};

import { PLAID_COUNTRY_CODES as GENERATED_COUNTRY_CODES } from './plaid-country-codes.generated.js';
import { KNOWN_PROCESSOR_NAMES } from './plaid-processor-names.generated.js';

// Enum values copied from Plaid's OpenAPI spec (plaid/plaid-openapi 2020-09-14.yml, version 2020-09-14_1.697.4).

/** Plaid `Products` values. */
export const PLAID_PRODUCTS: readonly string[] = [
  'assets',
  'auth',
  'balance',
  'balance_plus',
  'beacon',
  'identity',
  'identity_match',
  'investments',
  'investments_auth',
  'liabilities',
  'payment_initiation',
  'identity_verification',
  'transactions',
  'credit_details',
  'income',
  'income_verification',
  'standing_orders',
  'transfer',
  'employment',
  'recurring_transactions',
  'transactions_refresh',
  'signal',
  'statements',
  'processor_payments',
  'processor_identity',
  'profile',
  'cra_base_report',
  'cra_income_insights',
  'cra_partner_insights',
  'cra_network_insights',
  'cra_cashflow_insights',
  'cra_monitoring',
  'cra_lend_score',
  'cra_plaid_credit_score',
  'layer',
  'pay_by_bank',
  'protect_linked_bank',
  'protect_transactions',
];

/** Plaid `CountryCode` values (generated from the project's Plaid spec subset). */
export const PLAID_COUNTRY_CODES: readonly string[] = GENERATED_COUNTRY_CODES;

/**
 * `/processor/token/create` `processor` values: the spec's enum (plaid-openapi 1.697.4) plus the names plaid 47's
 * SDK added since, e.g. `seamlessach` (which replaced `paynote`), generated from specs/; only `dwolla` and
 * `modern_treasury` are wired to emulated processors.
 */
export const PLAID_PROCESSORS: readonly string[] = KNOWN_PROCESSOR_NAMES;

/** `/item/remove` `reason_code` values. */
export const PLAID_ITEM_REMOVE_REASONS: readonly string[] = [
  'FRAUD_FIRST_PARTY',
  'FRAUD_FALSE_IDENTITY',
  'FRAUD_ABUSE',
  'FRAUD_OTHER',
  'CONNECTION_IS_NON_FUNCTIONAL',
  'OTHER',
];

/** `/sandbox/item/fire_webhook` `webhook_type` values (`WebhookType`). */
export const PLAID_FIRE_WEBHOOK_TYPES: readonly string[] = [
  'AUTH',
  'HOLDINGS',
  'INVESTMENTS_TRANSACTIONS',
  'ITEM',
  'LIABILITIES',
  'TRANSACTIONS',
  'ASSETS',
];

/** `/sandbox/item/fire_webhook` `webhook_code` values. */
export const PLAID_FIRE_WEBHOOK_CODES: readonly string[] = [
  'DEFAULT_UPDATE',
  'NEW_ACCOUNTS_AVAILABLE',
  'SMS_MICRODEPOSITS_VERIFICATION',
  'AUTHORIZATION_GRANTED',
  'USER_PERMISSION_REVOKED',
  'USER_ACCOUNT_REVOKED',
  'PENDING_DISCONNECT',
  'RECURRING_TRANSACTIONS_UPDATE',
  'LOGIN_REPAIRED',
  'SYNC_UPDATES_AVAILABLE',
  'PRODUCT_READY',
  'ERROR',
];

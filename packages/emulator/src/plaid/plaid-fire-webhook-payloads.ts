import { createUuid } from '../ids.js';
import { isAuthEligible } from './plaid-accounts.js';
import { plaidError } from './plaid-errors.js';
import type { PlaidItem } from './plaid-state.js';
import { DEFAULT_UPDATE_NEW_TRANSACTIONS } from './plaid-transactions-webhooks.js';

/** The fields a fired webhook adds to `webhook_type` / `webhook_code` (`item_id`, `environment` come later). */
export type FiredFields = Record<string, unknown>;

/** How one fireable `webhook_code` behaves: its webhook types (the first is the default) and payload. */
export interface FireableWebhook {
  /** Allowed `webhook_type` values; the first is used when the request names none. */
  types: readonly string[];
  /** The Item product the webhook needs, per type (null: none). */
  product(type: string): string | null;
  /** The payload fields besides `webhook_type`, `webhook_code`, `item_id` and `environment`. */
  fields(item: PlaidItem, type: string, nowMs: number): FiredFields;
}

const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

/** Products behind each DEFAULT_UPDATE webhook type. */
const DEFAULT_UPDATE_PRODUCTS: Readonly<Record<string, string>> = {
  TRANSACTIONS: 'transactions',
  AUTH: 'auth',
  INVESTMENTS_TRANSACTIONS: 'investments',
  HOLDINGS: 'investments',
  LIABILITIES: 'liabilities',
};

function defaultUpdateFields(type: string): FiredFields {
  switch (type) {
    case 'AUTH':
      // Nothing changed in the emulated Auth data, so no account is listed.
      return { account_ids_with_new_auth: [], account_ids_with_updated_auth: {}, error: null };
    case 'HOLDINGS':
      return { new_holdings: 0, updated_holdings: 0, error: null };
    case 'INVESTMENTS_TRANSACTIONS':
      return { new_investments_transactions: 0, canceled_investments_transactions: 0, error: null };
    case 'LIABILITIES':
      return { account_ids_with_new_liabilities: [], account_ids_with_updated_liabilities: {}, error: null };
    default:
      return { new_transactions: DEFAULT_UPDATE_NEW_TRANSACTIONS, error: null };
  }
}

function firstAccountId(item: PlaidItem, authOnly: boolean): string {
  const account = item.accounts.find((candidate) => !authOnly || isAuthEligible(candidate));
  return account?.account_id ?? '';
}

function webhookError(code: string): FiredFields {
  return { ...plaidError(code).fields, status: 400 };
}

const none = () => null;

/**
 * The codes `/sandbox/item/fire_webhook` accepts (Plaid's `webhook_code` enum) and what the emulator sends
 * for each; shapes follow Plaid's webhook schemas. `AUTHORIZATION_GRANTED` is in Plaid's enum but not
 * documented; the emulator sends it as a bare ITEM webhook.
 */
export const FIREABLE_WEBHOOKS: Readonly<Record<string, FireableWebhook>> = {
  DEFAULT_UPDATE: {
    types: ['TRANSACTIONS', 'AUTH', 'INVESTMENTS_TRANSACTIONS', 'HOLDINGS', 'LIABILITIES'],
    product: (type) => DEFAULT_UPDATE_PRODUCTS[type] ?? null,
    fields: (_item, type) => defaultUpdateFields(type),
  },
  NEW_ACCOUNTS_AVAILABLE: { types: ['ITEM'], product: none, fields: () => ({ error: null }) },
  SMS_MICRODEPOSITS_VERIFICATION: {
    types: ['AUTH'],
    product: () => 'auth',
    fields: (item) => ({ account_id: firstAccountId(item, true), status: 'MANUALLY_VERIFIED' }),
  },
  AUTHORIZATION_GRANTED: { types: ['ITEM'], product: none, fields: () => ({}) },
  USER_PERMISSION_REVOKED: {
    types: ['ITEM'],
    product: none,
    fields: () => ({ error: webhookError('USER_PERMISSION_REVOKED') }),
  },
  USER_ACCOUNT_REVOKED: {
    types: ['ITEM'],
    product: none,
    fields: (item) => ({ account_id: firstAccountId(item, false) }),
  },
  PENDING_DISCONNECT: {
    types: ['ITEM'],
    product: none,
    fields: (_item, _type, nowMs) => ({
      reason: 'INSTITUTION_MIGRATION',
      disconnect_time: new Date(nowMs + SEVEN_DAYS_MS).toISOString(),
    }),
  },
  RECURRING_TRANSACTIONS_UPDATE: {
    types: ['TRANSACTIONS'],
    product: () => 'transactions',
    fields: (item) => ({
      account_ids: item.accounts
        .filter((account) => account.type === 'depository')
        .map((account) => account.account_id),
    }),
  },
  LOGIN_REPAIRED: { types: ['ITEM'], product: none, fields: () => ({}) },
  SYNC_UPDATES_AVAILABLE: {
    types: ['TRANSACTIONS'],
    product: () => 'transactions',
    fields: () => ({ initial_update_complete: true, historical_update_complete: true }),
  },
  PRODUCT_READY: {
    types: ['ASSETS'],
    product: () => 'assets',
    fields: () => ({ asset_report_id: createUuid(), report_type: 'FULL' }),
  },
  ERROR: {
    types: ['ASSETS'],
    product: () => 'assets',
    fields: () => ({
      asset_report_id: createUuid(),
      error: {
        error_type: 'ASSET_REPORT_ERROR',
        error_code: 'ASSET_REPORT_GENERATION_FAILED',
        error_message: 'the asset report could not be generated',
        display_message: null,
        status: 400,
      },
    }),
  },
};

/** Codes Plaid refuses to fire, with the reason the emulator gives. */
export const UNFIREABLE_WEBHOOKS: Readonly<Record<string, string>> = {
  WEBHOOK_UPDATE_ACKNOWLEDGED:
    'WEBHOOK_UPDATE_ACKNOWLEDGED cannot be fired with /sandbox/item/fire_webhook; call /item/webhook/update, which sends it',
  AUTOMATICALLY_VERIFIED:
    'AUTOMATICALLY_VERIFIED cannot be fired with /sandbox/item/fire_webhook; it is sent when automated micro-deposits verify (Sandbox password microdeposits_good)',
  VERIFICATION_EXPIRED: 'VERIFICATION_EXPIRED cannot be fired with /sandbox/item/fire_webhook',
};

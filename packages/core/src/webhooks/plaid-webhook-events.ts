import type { InputIssue } from '../errors.js';
import type { PlaidErrorDetails } from './plaid-error-details.js';

/** Plaid's `environment` field (`sandbox` or `production`; null when the payload omits it, as older payloads do). */
export type PlaidWebhookEnvironment = 'sandbox' | 'production' | (string & {});

/** Fields every recognised Plaid webhook event has. */
export interface PlaidWebhookEventBase<Type extends string, Code extends string> {
  /** `webhook_type.webhook_code`; switch on this to narrow the event. */
  kind: `${Type}.${Code}`;
  /** Plaid's `webhook_type`. */
  webhookType: Type;
  /** Plaid's `webhook_code`. */
  webhookCode: Code;
  /** Plaid's `environment`, or null when absent. */
  environment: PlaidWebhookEnvironment | null;
  /** The payload as received (snake_case), for fields achbridge does not map. */
  raw: Record<string, unknown>;
}

/** ITEM / ERROR: the Item needs attention; `error.errorCode` ITEM_LOGIN_REQUIRED means Link update mode. */
export interface PlaidItemErrorWebhook extends PlaidWebhookEventBase<'ITEM', 'ERROR'> {
  /** The Item's id. */
  itemId: string;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
  /** The Item error with the catalog's category and remediation (null if Plaid sent none). */
  error: PlaidErrorDetails | null;
}

/** ITEM / PENDING_EXPIRATION: consent expires in 7 days (EU/UK Items); renew it via Link update mode. */
export interface PlaidItemPendingExpirationWebhook
  extends PlaidWebhookEventBase<'ITEM', 'PENDING_EXPIRATION'> {
  /** The Item's id. */
  itemId: string;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
  /** When consent expires (ISO 8601). */
  consentExpirationTime: string;
}

/** ITEM / PENDING_DISCONNECT: the Item will disconnect in 7 days (US/CA); send the user through update mode. */
export interface PlaidItemPendingDisconnectWebhook
  extends PlaidWebhookEventBase<'ITEM', 'PENDING_DISCONNECT'> {
  /** The Item's id. */
  itemId: string;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
  /** Why: `INSTITUTION_MIGRATION` or `INSTITUTION_TOKEN_EXPIRATION` (new reasons pass through). */
  reason: 'INSTITUTION_MIGRATION' | 'INSTITUTION_TOKEN_EXPIRATION' | (string & {});
  /** When the Item disconnects (ISO 8601). */
  disconnectTime: string;
}

/** ITEM / USER_PERMISSION_REVOKED: the user revoked access; the Item and its tokens stop working. */
export interface PlaidItemUserPermissionRevokedWebhook
  extends PlaidWebhookEventBase<'ITEM', 'USER_PERMISSION_REVOKED'> {
  /** The Item's id. */
  itemId: string;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
  /** The accompanying error, when sent. */
  error: PlaidErrorDetails | null;
}

/** ITEM / USER_ACCOUNT_REVOKED: the user revoked access to one account of the Item. */
export interface PlaidItemUserAccountRevokedWebhook
  extends PlaidWebhookEventBase<'ITEM', 'USER_ACCOUNT_REVOKED'> {
  /** The Item's id. */
  itemId: string;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
  /** The revoked account. */
  accountId: string;
}

/** ITEM / WEBHOOK_UPDATE_ACKNOWLEDGED: the Item's webhook URL changed (sent to the new URL). */
export interface PlaidItemWebhookUpdateAcknowledgedWebhook
  extends PlaidWebhookEventBase<'ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED'> {
  /** The Item's id. */
  itemId: string;
  /** The new webhook URL (`new_webhook_url` today, `new_webhook` in older payloads). */
  newWebhookUrl: string;
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** ITEM / LOGIN_REPAIRED: an Item in ITEM_LOGIN_REQUIRED is healthy again. */
export interface PlaidItemLoginRepairedWebhook extends PlaidWebhookEventBase<'ITEM', 'LOGIN_REPAIRED'> {
  /** The Item's id. */
  itemId: string;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
}

/** ITEM / NEW_ACCOUNTS_AVAILABLE: the user has new accounts; share them via update mode with account selection. */
export interface PlaidItemNewAccountsAvailableWebhook
  extends PlaidWebhookEventBase<'ITEM', 'NEW_ACCOUNTS_AVAILABLE'> {
  /** The Item's id (optional in Plaid's schema). */
  itemId: string | null;
  /** Plaid's `user_id`, when sent. */
  userId: string | null;
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** AUTH / AUTOMATICALLY_VERIFIED: automated micro-deposits verified the account; numbers are available. */
export interface PlaidAuthAutomaticallyVerifiedWebhook
  extends PlaidWebhookEventBase<'AUTH', 'AUTOMATICALLY_VERIFIED'> {
  /** The Item's id. */
  itemId: string;
  /** The verified account. */
  accountId: string;
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** AUTH / VERIFICATION_EXPIRED: automated micro-deposits were not verified within 7 days. */
export interface PlaidAuthVerificationExpiredWebhook
  extends PlaidWebhookEventBase<'AUTH', 'VERIFICATION_EXPIRED'> {
  /** The Item's id. */
  itemId: string;
  /** The account whose verification expired. */
  accountId: string;
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** AUTH / DEFAULT_UPDATE: account or routing numbers changed or were added. */
export interface PlaidAuthDefaultUpdateWebhook extends PlaidWebhookEventBase<'AUTH', 'DEFAULT_UPDATE'> {
  /** The Item's id. */
  itemId: string;
  /** Accounts that gained Auth numbers. */
  accountIdsWithNewAuth: string[];
  /** Accounts whose numbers changed, with which (`ACCOUNT_NUMBER`, `ROUTING_NUMBER`). */
  accountIdsWithUpdatedAuth: Record<string, string[]>;
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** TRANSACTIONS / INITIAL_UPDATE, HISTORICAL_UPDATE or DEFAULT_UPDATE: new transactions are available. */
export interface PlaidTransactionsUpdateWebhook<
  Code extends 'INITIAL_UPDATE' | 'HISTORICAL_UPDATE' | 'DEFAULT_UPDATE',
> extends PlaidWebhookEventBase<'TRANSACTIONS', Code> {
  /** The Item's id. */
  itemId: string;
  /** How many new transactions are available. */
  newTransactions: number;
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** TRANSACTIONS / TRANSACTIONS_REMOVED: these transaction ids were removed. */
export interface PlaidTransactionsRemovedWebhook
  extends PlaidWebhookEventBase<'TRANSACTIONS', 'TRANSACTIONS_REMOVED'> {
  /** The Item's id. */
  itemId: string;
  /** Ids of the removed transactions. */
  removedTransactions: string[];
  /** An error, when sent. */
  error: PlaidErrorDetails | null;
}

/** Why a payload became an `unknown` event. */
export type PlaidUnknownWebhookReason = 'not_an_object' | 'unrecognized' | 'invalid_payload';

/** Anything else: a webhook type/code achbridge does not model, or a payload that does not match its schema. */
export interface PlaidUnknownWebhook {
  /** Always `unknown`. */
  kind: 'unknown';
  /** Plaid's `webhook_type`, when it is a string. */
  webhookType: string | null;
  /** Plaid's `webhook_code`, when it is a string. */
  webhookCode: string | null;
  /** Plaid's `item_id`, when it is a string. */
  itemId: string | null;
  /** Plaid's `environment`, when it is a string. */
  environment: PlaidWebhookEnvironment | null;
  /** Why it was not recognised. */
  reason: PlaidUnknownWebhookReason;
  /** Schema problems, for `invalid_payload`. */
  issues: InputIssue[];
  /** The payload as received. */
  raw: unknown;
}

/** Every webhook event achbridge recognises. */
export type PlaidKnownWebhookEvent =
  | PlaidItemErrorWebhook
  | PlaidItemPendingExpirationWebhook
  | PlaidItemPendingDisconnectWebhook
  | PlaidItemUserPermissionRevokedWebhook
  | PlaidItemUserAccountRevokedWebhook
  | PlaidItemWebhookUpdateAcknowledgedWebhook
  | PlaidItemLoginRepairedWebhook
  | PlaidItemNewAccountsAvailableWebhook
  | PlaidAuthAutomaticallyVerifiedWebhook
  | PlaidAuthVerificationExpiredWebhook
  | PlaidAuthDefaultUpdateWebhook
  | PlaidTransactionsUpdateWebhook<'INITIAL_UPDATE'>
  | PlaidTransactionsUpdateWebhook<'HISTORICAL_UPDATE'>
  | PlaidTransactionsUpdateWebhook<'DEFAULT_UPDATE'>
  | PlaidTransactionsRemovedWebhook;

/** A parsed Plaid webhook: a recognised event or `unknown`; narrow with `event.kind`. */
export type PlaidWebhookEvent = PlaidKnownWebhookEvent | PlaidUnknownWebhook;

/** The `kind` of every recognised event. */
export type PlaidWebhookKind = PlaidKnownWebhookEvent['kind'];

import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import {
  type PlaidErrorBodyInput,
  toPlaidErrorDetails,
  webhookErrorBodySchema,
} from './plaid-error-details.js';
import type { PlaidKnownWebhookEvent, PlaidWebhookKind } from './plaid-webhook-events.js';

type EventOf<K extends PlaidWebhookKind> = Omit<Extract<PlaidKnownWebhookEvent, { kind: K }>, 'raw'>;

/** Schemas that read each recognised payload (snake_case) into its event (camelCase, without `raw`). */
export type PlaidWebhookSchemaTable = { [K in PlaidWebhookKind]: z.ZodType<EventOf<K>> };

function errorOf(body: PlaidErrorBodyInput | null | undefined) {
  return body ? toPlaidErrorDetails(body) : null;
}

function head<T extends string, C extends string>(
  webhookType: T,
  webhookCode: C,
  environment: string | null | undefined,
) {
  return {
    kind: `${webhookType}.${webhookCode}` as const,
    webhookType,
    webhookCode,
    environment: environment ?? null,
  };
}

/** Builds the payload schema of every recognised kind (once, at the first webhook parsed). */
function buildPlaidWebhookSchemas(): PlaidWebhookSchemaTable {
  const itemId = z.string().min(1);
  const optionalString = z.string().nullish();
  const error = webhookErrorBodySchema().nullish();

  const base = {
    environment: optionalString,
  };

  function transactionsUpdate<C extends 'INITIAL_UPDATE' | 'HISTORICAL_UPDATE' | 'DEFAULT_UPDATE'>(code: C) {
    return z
      .looseObject({ ...base, item_id: itemId, new_transactions: z.number().int().nonnegative(), error })
      .transform((p) => ({
        ...head('TRANSACTIONS', code, p.environment),
        itemId: p.item_id,
        newTransactions: p.new_transactions,
        error: errorOf(p.error),
      }));
  }

  return {
    'ITEM.ERROR': z
      .looseObject({ ...base, item_id: itemId, user_id: optionalString, error })
      .transform((p) => ({
        ...head('ITEM', 'ERROR', p.environment),
        itemId: p.item_id,
        userId: p.user_id ?? null,
        error: errorOf(p.error),
      })),
    'ITEM.PENDING_EXPIRATION': z
      .looseObject({
        ...base,
        item_id: itemId,
        user_id: optionalString,
        consent_expiration_time: z.string().min(1),
      })
      .transform((p) => ({
        ...head('ITEM', 'PENDING_EXPIRATION', p.environment),
        itemId: p.item_id,
        userId: p.user_id ?? null,
        consentExpirationTime: p.consent_expiration_time,
      })),
    'ITEM.PENDING_DISCONNECT': z
      .looseObject({
        ...base,
        item_id: itemId,
        user_id: optionalString,
        reason: z.string().min(1),
        disconnect_time: z.string().min(1),
      })
      .transform((p) => ({
        ...head('ITEM', 'PENDING_DISCONNECT', p.environment),
        itemId: p.item_id,
        userId: p.user_id ?? null,
        reason: p.reason,
        disconnectTime: p.disconnect_time,
      })),
    'ITEM.USER_PERMISSION_REVOKED': z
      .looseObject({ ...base, item_id: itemId, user_id: optionalString, error })
      .transform((p) => ({
        ...head('ITEM', 'USER_PERMISSION_REVOKED', p.environment),
        itemId: p.item_id,
        userId: p.user_id ?? null,
        error: errorOf(p.error),
      })),
    'ITEM.USER_ACCOUNT_REVOKED': z
      .looseObject({ ...base, item_id: itemId, user_id: optionalString, account_id: z.string().min(1) })
      .transform((p) => ({
        ...head('ITEM', 'USER_ACCOUNT_REVOKED', p.environment),
        itemId: p.item_id,
        userId: p.user_id ?? null,
        accountId: p.account_id,
      })),
    'ITEM.WEBHOOK_UPDATE_ACKNOWLEDGED': z
      .looseObject({
        ...base,
        item_id: itemId,
        new_webhook_url: optionalString,
        new_webhook: optionalString,
        error,
      })
      .refine((p) => typeof (p.new_webhook_url ?? p.new_webhook) === 'string', {
        message: 'expected new_webhook_url (or the older new_webhook)',
        path: ['new_webhook_url'],
      })
      .transform((p) => ({
        ...head('ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED', p.environment),
        itemId: p.item_id,
        newWebhookUrl: (p.new_webhook_url ?? p.new_webhook) as string,
        error: errorOf(p.error),
      })),
    'ITEM.LOGIN_REPAIRED': z
      .looseObject({ ...base, item_id: itemId, user_id: optionalString })
      .transform((p) => ({
        ...head('ITEM', 'LOGIN_REPAIRED', p.environment),
        itemId: p.item_id,
        userId: p.user_id ?? null,
      })),
    'ITEM.NEW_ACCOUNTS_AVAILABLE': z
      .looseObject({ ...base, item_id: optionalString, user_id: optionalString, error })
      .transform((p) => ({
        ...head('ITEM', 'NEW_ACCOUNTS_AVAILABLE', p.environment),
        itemId: p.item_id ?? null,
        userId: p.user_id ?? null,
        error: errorOf(p.error),
      })),
    'AUTH.AUTOMATICALLY_VERIFIED': z
      .looseObject({ ...base, item_id: itemId, account_id: z.string().min(1), error })
      .transform((p) => ({
        ...head('AUTH', 'AUTOMATICALLY_VERIFIED', p.environment),
        itemId: p.item_id,
        accountId: p.account_id,
        error: errorOf(p.error),
      })),
    'AUTH.VERIFICATION_EXPIRED': z
      .looseObject({ ...base, item_id: itemId, account_id: z.string().min(1), error })
      .transform((p) => ({
        ...head('AUTH', 'VERIFICATION_EXPIRED', p.environment),
        itemId: p.item_id,
        accountId: p.account_id,
        error: errorOf(p.error),
      })),
    'AUTH.DEFAULT_UPDATE': z
      .looseObject({
        ...base,
        item_id: itemId,
        account_ids_with_new_auth: z.array(z.string()).nullish(),
        account_ids_with_updated_auth: z.record(z.string(), z.array(z.string())).nullish(),
        error,
      })
      .transform((p) => ({
        ...head('AUTH', 'DEFAULT_UPDATE', p.environment),
        itemId: p.item_id,
        accountIdsWithNewAuth: p.account_ids_with_new_auth ?? [],
        accountIdsWithUpdatedAuth: p.account_ids_with_updated_auth ?? {},
        error: errorOf(p.error),
      })),
    'TRANSACTIONS.INITIAL_UPDATE': transactionsUpdate('INITIAL_UPDATE'),
    'TRANSACTIONS.HISTORICAL_UPDATE': transactionsUpdate('HISTORICAL_UPDATE'),
    'TRANSACTIONS.DEFAULT_UPDATE': transactionsUpdate('DEFAULT_UPDATE'),
    'TRANSACTIONS.TRANSACTIONS_REMOVED': z
      .looseObject({ ...base, item_id: itemId, removed_transactions: z.array(z.string()), error })
      .transform((p) => ({
        ...head('TRANSACTIONS', 'TRANSACTIONS_REMOVED', p.environment),
        itemId: p.item_id,
        removedTransactions: p.removed_transactions,
        error: errorOf(p.error),
      })),
  };
}

/** Payload schemas for every recognised `webhook_type.webhook_code` (Plaid OpenAPI 2020-09-14 and the founding FAQ). Built on first use. */
export const plaidWebhookSchemas = lazySchema(buildPlaidWebhookSchemas);

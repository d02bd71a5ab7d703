import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { PlaidClient } from '../plaid/plaid-client-types.js';
import { typedTwin } from '../typed-twin.js';
import { parseInput } from '../validate.js';
import {
  type PlaidErrorDetails,
  toPlaidErrorDetails,
  webhookErrorBodySchema,
} from '../webhooks/plaid-error-details.js';
import { accessTokenSchema } from './access-token-schema.js';
import type { ItemHealth, ItemHealthAction } from './item-health-types.js';

/** Days before consent expiry from which an Item counts as `pending_expiration` (Plaid warns 7 days ahead). */
export const PENDING_EXPIRATION_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Input of `getItemHealth`. */
export interface GetItemHealthInput {
  /** A PlaidClient (from `createPlaidClient`); only `getItem` is used. */
  plaid: Pick<PlaidClient, 'getItem'>;
  /** The Item's access token. */
  accessToken: string;
  /** Clock in milliseconds since the epoch (default `Date.now`), for the consent-expiry window. */
  now?: () => number;
  /** Aborts the `/item/get` call. */
  signal?: AbortSignal;
}

const inputSchema = lazySchema(() =>
  z.object({
    plaid: z.custom<Pick<PlaidClient, 'getItem'>>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { getItem?: unknown }).getItem === 'function',
      { message: 'expected a PlaidClient (from createPlaidClient)' },
    ),
    accessToken: accessTokenSchema(),
    now: z
      .custom<() => number>((value) => typeof value === 'function', {
        message: 'expected a function returning ms',
      })
      .optional(),
    signal: z.instanceof(AbortSignal, { message: 'expected an AbortSignal' }).optional(),
  }),
);

const UPDATE_MODE_TEXT =
  'Ask the user to reconnect: create a link token with createUpdateModeLinkToken({ plaid, accessToken, clientName, clientUserId }) ' +
  'and open Link with it. On onSuccess there is nothing to exchange: the access_token stays the same. ' +
  'Bank accounts already attached in Stripe or Dwolla keep working meanwhile; new processor tokens and balance checks need the repaired Item.';

/** Error codes whose fix is Link update mode on the same Item. */
const UPDATE_MODE_CODES = new Set(['ITEM_LOGIN_REQUIRED', 'ACCESS_NOT_GRANTED']);
/** Error codes after which the Item cannot be repaired; the user links again (a new Item). */
const RELINK_CODES = new Set([
  'USER_PERMISSION_REVOKED',
  'ITEM_NOT_FOUND',
  'INSTITUTION_NO_LONGER_SUPPORTED',
]);

function actionForError(error: PlaidErrorDetails): ItemHealthAction {
  const message = `Plaid reports ${error.errorCode} for this Item. ${error.remediation}`;
  if (UPDATE_MODE_CODES.has(error.errorCode))
    return { kind: 'update_mode', message: `${message} ${UPDATE_MODE_TEXT}` };
  if (RELINK_CODES.has(error.errorCode)) return { kind: 'relink', message };
  switch (error.category) {
    case 'retryable':
      return { kind: 'retry_later', message };
    case 'client_action':
      return { kind: 'developer_action', message };
    case 'user_action':
      return { kind: 'user_action', message };
    default:
      return { kind: 'investigate', message };
  }
}

/**
 * Reads an Item with `/item/get` and says whether it is usable and what to do if not: `login_required`
 * (ITEM_LOGIN_REQUIRED, or consent already expired) and `pending_expiration` (consent ends within 7 days)
 * call for Link update mode; other errors get the error catalog's advice.
 */
export async function getItemHealth(input: GetItemHealthInput): Promise<ItemHealth> {
  const { plaid, accessToken, now, signal } = parseInput('getItemHealth', inputSchema(), input);
  // Parsed above; the client's typed twin (when it has one) does not parse the token again.
  const { item, requestId } = await typedTwin(plaid).getItem(
    { accessToken },
    signal ? { signal } : undefined,
  );
  const base = { itemId: item.itemId, consentExpirationTime: item.consentExpirationTime, requestId };

  if (item.error) {
    const parsed = webhookErrorBodySchema().safeParse(item.error);
    const error = parsed.success
      ? toPlaidErrorDetails(parsed.data)
      : toPlaidErrorDetails({ error_code: 'UNKNOWN', error_type: null });
    const status = error.errorCode === 'ITEM_LOGIN_REQUIRED' ? 'login_required' : 'error';
    return { ...base, status, error, action: actionForError(error) };
  }

  const expiresAt = item.consentExpirationTime === null ? Number.NaN : Date.parse(item.consentExpirationTime);
  if (!Number.isNaN(expiresAt)) {
    const remainingMs = expiresAt - (now ?? Date.now)();
    if (remainingMs <= 0) {
      return {
        ...base,
        status: 'login_required',
        action: {
          kind: 'update_mode',
          message: `The user's consent expired at ${item.consentExpirationTime}. ${UPDATE_MODE_TEXT}`,
        },
      };
    }
    if (remainingMs <= PENDING_EXPIRATION_DAYS * DAY_MS) {
      const days = Math.max(1, Math.ceil(remainingMs / DAY_MS));
      return {
        ...base,
        status: 'pending_expiration',
        action: {
          kind: 'update_mode',
          message: `The user's consent expires at ${item.consentExpirationTime} (within ${days} day${days === 1 ? '' : 's'}); have them renew it before then. ${UPDATE_MODE_TEXT}`,
        },
      };
    }
  }
  return {
    ...base,
    status: 'healthy',
    action: { kind: 'none', message: 'The Item is healthy; nothing to do.' },
  };
}

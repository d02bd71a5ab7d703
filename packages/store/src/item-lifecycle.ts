import type { PlaidWebhookEvent } from '@achbridge/core';
import type { ItemStatusChange } from './store-types.js';

/**
 * The Item status a Plaid webhook implies, or null when it implies none: ITEM_LOGIN_REQUIRED and other Item
 * errors → `needs_update`; LOGIN_REPAIRED → `healthy`; PENDING_EXPIRATION / PENDING_DISCONNECT → `expiring`
 * with the date; USER_PERMISSION_REVOKED / USER_ACCOUNT_REVOKED → `revoked`.
 */
export function itemStatusForWebhook(event: PlaidWebhookEvent): ItemStatusChange | null {
  const source = 'webhook';
  switch (event.kind) {
    case 'ITEM.ERROR':
      return {
        itemId: event.itemId,
        status: 'needs_update',
        reason: event.error?.errorCode ?? 'ERROR',
        source,
      };
    case 'ITEM.LOGIN_REPAIRED':
      return { itemId: event.itemId, status: 'healthy', reason: 'LOGIN_REPAIRED', source };
    case 'ITEM.PENDING_EXPIRATION':
      return {
        itemId: event.itemId,
        status: 'expiring',
        reason: 'PENDING_EXPIRATION',
        expiresAt: event.consentExpirationTime,
        source,
      };
    case 'ITEM.PENDING_DISCONNECT':
      return {
        itemId: event.itemId,
        status: 'expiring',
        reason: `PENDING_DISCONNECT:${event.reason}`,
        expiresAt: event.disconnectTime,
        source,
      };
    case 'ITEM.USER_PERMISSION_REVOKED':
      return { itemId: event.itemId, status: 'revoked', reason: 'USER_PERMISSION_REVOKED', source };
    case 'ITEM.USER_ACCOUNT_REVOKED':
      return {
        itemId: event.itemId,
        status: 'revoked',
        reason: `USER_ACCOUNT_REVOKED:${event.accountId}`,
        source,
      };
    default:
      return null;
  }
}

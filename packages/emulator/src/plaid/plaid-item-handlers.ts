import { plaidError } from './plaid-errors.js';
import { itemView, removeItem, requireItem } from './plaid-items.js';
import { ACCESS_TOKEN_ONLY, ITEM_REMOVE, ITEM_WEBHOOK_UPDATE } from './plaid-request-schemas.js';
import type { PlaidRoute } from './plaid-route.js';

/** `POST /item/get`: the Item, including its error (ITEM_LOGIN_REQUIRED after a reset). */
export const itemGet: PlaidRoute = {
  fields: ACCESS_TOKEN_ONLY,
  handle(context, body) {
    return { item: itemView(requireItem(context, body['access_token'] as string, false), true) };
  },
};

/** `POST /item/remove`: invalidates the access token and every btok/processor token of the Item. */
export const itemRemove: PlaidRoute = {
  fields: ITEM_REMOVE,
  handle(context, body) {
    removeItem(context, requireItem(context, body['access_token'] as string, false));
    return {};
  },
};

/** True for absolute http(s) URLs. */
export function isWebhookUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `POST /item/webhook/update`: sets (or with null removes) the webhook; fires WEBHOOK_UPDATE_ACKNOWLEDGED. */
export const itemWebhookUpdate: PlaidRoute = {
  fields: ITEM_WEBHOOK_UPDATE,
  handle(context, body) {
    const item = requireItem(context, body['access_token'] as string, false);
    const webhook = (body['webhook'] as string | null | undefined) ?? null;
    if (webhook !== null && !isWebhookUrl(webhook)) {
      throw plaidError('INVALID_FIELD', 'webhook must be a valid http or https URL');
    }
    item.webhook = webhook;
    if (webhook !== null) {
      context.webhooks.emit(item, {
        webhook_type: 'ITEM',
        webhook_code: 'WEBHOOK_UPDATE_ACKNOWLEDGED',
        new_webhook_url: webhook,
        error: null,
      });
    }
    // The spec answers `ItemWebhookUpdateResponse.item: Item`, which has no `created_at` (only /item/get's
    // `ItemWithConsentFields` does).
    return { item: itemView(item, false) };
  },
};

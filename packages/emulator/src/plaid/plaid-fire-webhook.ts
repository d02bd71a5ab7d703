import { PLAID_FIRE_WEBHOOK_CODES } from './plaid-enums.js';
import { plaidError } from './plaid-errors.js';
import { FIREABLE_WEBHOOKS, UNFIREABLE_WEBHOOKS } from './plaid-fire-webhook-payloads.js';
import { isWebhookUrl } from './plaid-item-handlers.js';
import { requireItem } from './plaid-items.js';
import { SANDBOX_ITEM_FIRE_WEBHOOK } from './plaid-request-schemas.js';
import type { PlaidRoute } from './plaid-route.js';

/**
 * `POST /sandbox/item/fire_webhook`: sends a test webhook for the Item (signed and delivered like every
 * other). Checks, in order: the code is fireable (WEBHOOK_UPDATE_ACKNOWLEDGED, AUTOMATICALLY_VERIFIED and
 * VERIFICATION_EXPIRED are refused with INVALID_FIELD), `webhook_type` fits the code (INVALID_FIELD), the
 * Item has the product the webhook is about (SANDBOX_PRODUCT_NOT_ENABLED), and the Item has an http(s) webhook
 * (SANDBOX_WEBHOOK_INVALID). It only sends: the Item's state does not change.
 */
export const sandboxItemFireWebhook: PlaidRoute = {
  fields: SANDBOX_ITEM_FIRE_WEBHOOK,
  handle(context, body) {
    const item = requireItem(context, body['access_token'] as string, false);
    const code = body['webhook_code'] as string;
    const refusal = UNFIREABLE_WEBHOOKS[code];
    if (refusal !== undefined) throw plaidError('INVALID_FIELD', refusal);
    const fireable = FIREABLE_WEBHOOKS[code];
    if (fireable === undefined) {
      throw plaidError(
        'INVALID_FIELD',
        `webhook_code must be one of the following values: ${PLAID_FIRE_WEBHOOK_CODES.join(', ')}`,
      );
    }
    const requested = body['webhook_type'] as string | undefined;
    const type = requested ?? (fireable.types[0] as string);
    if (!fireable.types.includes(type)) {
      throw plaidError(
        'INVALID_FIELD',
        `webhook_type ${type} cannot be used with webhook_code ${code}; use one of: ${fireable.types.join(', ')}`,
      );
    }
    const product = fireable.product(type);
    if (product !== null && !item.billedProducts.includes(product)) {
      throw plaidError('SANDBOX_PRODUCT_NOT_ENABLED', `The ${product} product is not enabled on this item`);
    }
    if (item.webhook === null || !isWebhookUrl(item.webhook)) throw plaidError('SANDBOX_WEBHOOK_INVALID');
    context.webhooks.emit(item, {
      webhook_type: type,
      webhook_code: code,
      ...fireable.fields(item, type, context.clock.now()),
    });
    return { webhook_fired: true };
  },
};

import { z } from 'zod';
import { platform } from '#platform';
import { bytesToHex } from '../bytes.js';
import { lazySchema } from '../lazy-schema.js';
import { parseInput } from '../validate.js';
import { isRawWebhookBody, type RawWebhookBody, rawBodySha256Hex } from './raw-body.js';

/** What `plaidWebhookDedupeKey` hashes: the raw body plus the event's item id and webhook code. */
export interface PlaidWebhookDedupeKeyInput {
  /** The raw request body exactly as received (the same bytes the verifier checked). */
  body: RawWebhookBody;
  /** The event's `itemId` (null for webhooks without an Item). */
  itemId: string | null;
  /** The event's `webhookCode`, e.g. `DEFAULT_UPDATE` (null when an unknown webhook has none). */
  webhookCode: string | null;
}

const inputSchema = lazySchema(() =>
  z.object({
    body: z.custom<RawWebhookBody>(isRawWebhookBody, {
      message: 'must be the raw body as a string, Buffer/Uint8Array or ArrayBuffer',
    }),
    itemId: z.string().min(1, 'must be a non-empty item id or null').nullable(),
    webhookCode: z.string().min(1, 'must be a non-empty webhook code or null').nullable(),
  }),
);

/**
 * The replay/dedupe key of a Plaid webhook delivery: lowercase hex SHA-256 over the SHA-256 of the raw body,
 * the item id and the webhook code. It does not depend on the `Plaid-Verification` header, whose encoding an
 * attacker can vary, so every redelivery or replay of the same body maps to the same key. This is the key
 * of the durable store's webhook inbox: record it after `verify` succeeds and skip deliveries already seen.
 */
export function plaidWebhookDedupeKey(input: PlaidWebhookDedupeKeyInput): string {
  const { body, itemId, webhookCode } = parseInput('plaidWebhookDedupeKey', inputSchema(), input);
  return bytesToHex(
    platform.sha256(JSON.stringify(['plaid-webhook', rawBodySha256Hex(body), itemId, webhookCode])),
  );
}

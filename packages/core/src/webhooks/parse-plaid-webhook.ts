import { toInputIssues } from '../validate.js';
import type { PlaidUnknownWebhook, PlaidWebhookEvent, PlaidWebhookKind } from './plaid-webhook-events.js';
import { plaidWebhookSchemas } from './plaid-webhook-schemas.js';

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function unknownEvent(
  raw: unknown,
  reason: PlaidUnknownWebhook['reason'],
  issues: PlaidUnknownWebhook['issues'] = [],
): PlaidUnknownWebhook {
  const fields =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return {
    kind: 'unknown',
    webhookType: stringOrNull(fields['webhook_type']),
    webhookCode: stringOrNull(fields['webhook_code']),
    itemId: stringOrNull(fields['item_id']),
    environment: stringOrNull(fields['environment']),
    reason,
    issues,
    raw,
  };
}

function isKnownKind(kind: string): kind is PlaidWebhookKind {
  return Object.hasOwn(plaidWebhookSchemas(), kind);
}

/**
 * Parses a Plaid webhook payload (the parsed JSON value, or its raw JSON text) into a typed event. Never
 * throws: types/codes achbridge does not model, malformed payloads and non-objects become `kind: 'unknown'`
 * with the raw payload.
 */
export function parsePlaidWebhook(payload: unknown): PlaidWebhookEvent {
  let value = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch {
      return unknownEvent(payload, 'not_an_object');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return unknownEvent(value, 'not_an_object');
  const fields = value as Record<string, unknown>;
  const webhookType = fields['webhook_type'];
  const webhookCode = fields['webhook_code'];
  if (typeof webhookType !== 'string' || typeof webhookCode !== 'string')
    return unknownEvent(value, 'unrecognized');
  const kind = `${webhookType}.${webhookCode}`;
  if (!isKnownKind(kind)) return unknownEvent(value, 'unrecognized');
  const result = plaidWebhookSchemas()[kind].safeParse(value);
  if (!result.success) return unknownEvent(value, 'invalid_payload', toInputIssues(result.error.issues));
  return { ...result.data, raw: fields } as PlaidWebhookEvent;
}

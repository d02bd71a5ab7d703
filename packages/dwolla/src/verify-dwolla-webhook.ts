import { registerSecret } from '@achbridge/core';
import {
  hmacSha256HexOf,
  lazySchema,
  parseInput,
  parseJsonText,
  timingSafeEqualTextOf,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { DwollaWebhookVerificationError } from './dwolla-webhook-error.js';
import {
  type DwollaWebhookEvent,
  dwollaWebhookBodySchema,
  toDwollaWebhookEvent,
} from './dwolla-webhook-events.js';

/** A webhook body exactly as received: raw text or bytes, never re-serialized JSON. */
export type DwollaWebhookBody = string | Uint8Array | ArrayBuffer;

/** Request headers: a fetch `Headers`, anything with `get`, or a plain/Node headers object. */
export type DwollaWebhookHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Input of `verifyDwollaWebhook`. */
export interface VerifyDwollaWebhookInput {
  /** The raw request body (a JSON-parsed object cannot be verified). */
  body: DwollaWebhookBody;
  headers: DwollaWebhookHeaders;
  /** The webhook subscription secret. */
  secret: string;
}

/** Header carrying the hex HMAC-SHA256 of the raw body. */
export const DWOLLA_SIGNATURE_HEADER = 'X-Request-Signature-SHA-256';
/** Header carrying the event topic. */
export const DWOLLA_TOPIC_HEADER = 'X-Dwolla-Topic';

const inputSchema = lazySchema(() =>
  z.object({
    body: z.union(
      [z.string(), z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)],
      'expected the raw body as a string, Buffer/Uint8Array or ArrayBuffer (not parsed JSON)',
    ),
    headers: z.custom<DwollaWebhookHeaders>(
      (value) => typeof value === 'object' && value !== null,
      'expected the request headers (a Headers object or a plain object)',
    ),
    secret: z.string().min(1, 'must not be empty'),
  }),
);
const signInputSchema = lazySchema(() => inputSchema().pick({ body: true, secret: true }));

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytesOf(body: DwollaWebhookBody): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return body;
}

function readHeader(headers: DwollaWebhookHeaders, name: string): string[] {
  const wanted = name.toLowerCase();
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(wanted);
    return typeof value === 'string' && value.trim() !== ''
      ? value.split(',').map((part) => part.trim())
      : [];
  }
  const values: string[] = [];
  for (const [key, raw] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted) continue;
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      if (typeof item === 'string' && item.trim() !== '') values.push(item.trim());
    }
  }
  return values;
}

/** The hex HMAC-SHA256 of a raw body keyed with the subscription secret, as Dwolla signs webhooks. */
export function signDwollaWebhook(body: DwollaWebhookBody, secret: string): string {
  const input = parseInput('signDwollaWebhook', signInputSchema(), {
    body,
    secret,
  });
  registerSecret(input.secret);
  return hmacSha256HexOf(input.secret, bytesOf(input.body));
}

/**
 * Verifies a Dwolla webhook: `X-Request-Signature-SHA-256` must be the hex HMAC-SHA256 of the raw body
 * keyed with the subscription secret (compared in constant time), the body must be a Dwolla event, and
 * `X-Dwolla-Topic`, when sent, must match its topic. Returns the typed event; unknown topics are
 * returned as `kind: 'other'`. Dwolla may deliver an event more than once: de-duplicate on `event.id`.
 */
export function verifyDwollaWebhook(input: VerifyDwollaWebhookInput): DwollaWebhookEvent {
  const { body, headers, secret } = parseInput('verifyDwollaWebhook', inputSchema(), input);
  registerSecret(secret);
  const signatures = readHeader(headers, DWOLLA_SIGNATURE_HEADER);
  if (signatures.length === 0) {
    throw new DwollaWebhookVerificationError(
      'missing_header',
      `the ${DWOLLA_SIGNATURE_HEADER} header is missing`,
    );
  }
  const claimedHex = signatures[0] as string;
  if (signatures.length > 1 || !/^[0-9a-fA-F]{64}$/.test(claimedHex)) {
    throw new DwollaWebhookVerificationError(
      'malformed_signature',
      `${DWOLLA_SIGNATURE_HEADER} must be one 64-character hex HMAC-SHA256`,
    );
  }
  const bytes = bytesOf(body);
  const expected = hmacSha256HexOf(secret, bytes);
  if (!timingSafeEqualTextOf(claimedHex.toLowerCase(), expected)) {
    throw new DwollaWebhookVerificationError(
      'bad_signature',
      'the signature does not match the body; check the subscription secret and pass the raw, unparsed body',
    );
  }
  const json = parseJsonText(decoder.decode(bytes));
  const parsed = json.ok ? dwollaWebhookBodySchema().safeParse(json.value) : undefined;
  if (!parsed?.success) {
    const where = parsed?.error.issues[0]?.path.join('.') || 'body';
    throw new DwollaWebhookVerificationError(
      'malformed_body',
      `the signed body is not a Dwolla event (${where})`,
    );
  }
  const topics = readHeader(headers, DWOLLA_TOPIC_HEADER);
  if (topics.length > 0 && topics.some((topic) => topic !== parsed.data.topic)) {
    throw new DwollaWebhookVerificationError(
      'topic_mismatch',
      `${DWOLLA_TOPIC_HEADER} does not match the topic in the signed body`,
    );
  }
  return toDwollaWebhookEvent(parsed.data);
}

import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorCredentials } from '../types.js';
import { StripeApiError } from './stripe-errors.js';

/** Which Stripe mode a request runs in, decided by the key it carries. */
export interface StripeCaller {
  /** The API key used (scopes idempotency keys; never logged or echoed). */
  apiKey: string;
  /** True for the live secret key. */
  livemode: boolean;
}

const KEY_PREFIXES = ['sk_test_', 'sk_live_', 'rk_test_', 'rk_live_', 'pk_test_', 'pk_live_'];

/** Masks a key like Stripe does in error messages: known prefix, asterisks, last four characters. */
export function maskStripeKey(key: string): string {
  const prefix = KEY_PREFIXES.find((candidate) => key.startsWith(candidate)) ?? '';
  const rest = key.slice(prefix.length);
  if (rest.length <= 8) return `${prefix}${'*'.repeat(rest.length)}`;
  return `${prefix}${'*'.repeat(rest.length - 4)}${rest.slice(-4)}`;
}

/** Pulls the API key out of a Bearer or Basic (key as username) Authorization header. */
export function extractStripeKey(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers.authorization;
  if (typeof raw !== 'string') return undefined;
  const header = raw.trim();
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') return value.length > 0 ? value : undefined;
  if (scheme === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    return user.length > 0 ? user : undefined;
  }
  return undefined;
}

/** Authenticates a request against the emulator's Stripe keys or throws Stripe's 401 answer. */
export function authenticateStripe(
  headers: IncomingHttpHeaders,
  credentials: EmulatorCredentials['stripe'],
): StripeCaller {
  const key = extractStripeKey(headers);
  if (key === undefined) {
    throw new StripeApiError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  }
  if (key === credentials.secretKey) return { apiKey: key, livemode: false };
  if (key === credentials.liveSecretKey) return { apiKey: key, livemode: true };
  throw new StripeApiError(401, {
    type: 'invalid_request_error',
    message: `Invalid API Key provided: ${maskStripeKey(key)}`,
  });
}

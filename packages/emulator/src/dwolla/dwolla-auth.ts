import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorClock, EmulatorRequest, EmulatorResponse } from '../types.js';
import { parseFormBody } from './dwolla-body.js';
import { dwollaError } from './dwolla-errors.js';
import type { DwollaState } from './dwolla-state.js';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Expired tokens are kept this long (emulated ms) so they answer `ExpiredAccessToken`, then forgotten. */
const EXPIRED_TOKEN_MEMORY_MS = 24 * 60 * 60 * 1000;

/** What `/token` and bearer checks need. */
export interface DwollaAuthOptions {
  state: DwollaState;
  clock: EmulatorClock;
  credentials: { key: string; secret: string };
  tokenTtlSeconds: number;
}

/** Issues and checks application access tokens (OAuth 2 client credentials). */
export interface DwollaAuth {
  /** `POST /token`: form body or Basic auth; OAuth-style JSON answers. */
  handleTokenRequest(request: EmulatorRequest): EmulatorResponse;
  /** Throws the Dwolla 401 unless the request carries a live bearer token. */
  authenticate(headers: IncomingHttpHeaders): void;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function newAccessToken(): string {
  const bytes = randomBytes(50);
  let token = '';
  for (const byte of bytes) token += TOKEN_ALPHABET[byte % TOKEN_ALPHABET.length];
  return token;
}

function oauthError(status: number, error: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: { error } };
}

/** Client id/secret from `Authorization: Basic`, else from the form body. */
function clientCredentials(
  headers: IncomingHttpHeaders,
  form: Map<string, string>,
): { id: string; secret: string } | undefined {
  const header = headers.authorization;
  if (typeof header === 'string' && /^basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  return id !== undefined && secret !== undefined ? { id, secret } : undefined;
}

/** Creates the token issuer/checker over the shared state. */
export function createDwollaAuth(options: DwollaAuthOptions): DwollaAuth {
  const { state, clock, credentials } = options;

  function forgetOldTokens(now: number): void {
    for (const [token, expiresAt] of state.accessTokens) {
      if (expiresAt + EXPIRED_TOKEN_MEMORY_MS < now) state.accessTokens.delete(token);
    }
  }

  return {
    handleTokenRequest(request) {
      const form = parseFormBody(request.rawBody);
      const client = clientCredentials(request.headers, form);
      if (
        !client ||
        !sameSecret(client.id, credentials.key) ||
        !sameSecret(client.secret, credentials.secret)
      ) {
        return oauthError(401, 'invalid_client');
      }
      const grantType = form.get('grant_type');
      if (grantType === undefined) return oauthError(400, 'invalid_request');
      if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
      const now = clock.now();
      forgetOldTokens(now);
      const accessToken = newAccessToken();
      state.accessTokens.set(accessToken, now + options.tokenTtlSeconds * 1000);
      state.tokensIssued += 1;
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: { access_token: accessToken, token_type: 'bearer', expires_in: options.tokenTtlSeconds },
      };
    },
    authenticate(headers) {
      const header = headers.authorization;
      const match = typeof header === 'string' ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
      const token = match?.[1];
      if (token === undefined) {
        throw dwollaError(401, 'InvalidCredentials', 'Missing or invalid Authorization header.');
      }
      const expiresAt = state.accessTokens.get(token);
      if (expiresAt === undefined) throw dwollaError(401, 'InvalidAccessToken', 'Invalid access token.');
      if (clock.now() >= expiresAt) {
        throw dwollaError(
          401,
          'ExpiredAccessToken',
          'Generate a new access token using your client credentials.',
        );
      }
    },
  };
}

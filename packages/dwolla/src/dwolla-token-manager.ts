import { type FetchFunction, type Logger, ResponseValidationError, registerSecret } from '@achbridge/core';
import {
  abortSignalSchema,
  createAbortError,
  fetchSchema,
  isFunction,
  lazySchema,
  loggerSchema,
  parseInput,
  parseJsonText,
  parseResponse,
  raceAbort,
  registerTypedTwin,
  sendHttpRequest,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { DWOLLA_MEDIA_TYPE } from './dwolla-environments.js';
import { createDwollaApiError } from './dwolla-errors.js';
import { tokenResponseSchema } from './dwolla-schemas.js';

/** Settings of `createDwollaTokenManager`. */
export interface DwollaTokenManagerSettings {
  /** `{base}/token`. */
  tokenUrl: string;
  /** Reads the application key (lazily, so construction never throws). */
  key: () => string;
  /** Reads the application secret (lazily). */
  secret: () => string;
  /** A custom fetch, or undefined for core's default transport (Node's HTTP client). */
  fetch?: FetchFunction | undefined;
  timeoutMs: number;
  logger: Logger;
  /** Refresh this long before expiry (default 60000 ms; capped at half the token lifetime). */
  leewayMs?: number;
  /** Clock, for tests (default Date.now). */
  now?: () => number;
}

/** Hands out the application bearer token, fetching and refreshing it as needed. */
export interface DwollaTokenManager {
  /** A valid bearer token; concurrent callers share one fetch. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Drops `token` from the cache if it is the cached one (after a 401), so the next call refreshes. */
  invalidate(token: string): void;
}

const settingsSchema = lazySchema(() =>
  z.object({
    tokenUrl: z.string().refine((value) => URL.canParse(value), { message: 'expected an absolute URL' }),
    key: z.custom<() => string>(isFunction, 'expected a function returning the application key'),
    secret: z.custom<() => string>(isFunction, 'expected a function returning the application secret'),
    fetch: fetchSchema().optional(),
    timeoutMs: z.number().int().positive(),
    logger: loggerSchema(),
    leewayMs: z.number().int().min(0).optional(),
    now: z.custom<() => number>(isFunction, 'expected a clock function').optional(),
  }),
);
const tokenSchema = lazySchema(() => z.string());
const optionalSignalSchema = abortSignalSchema().optional();

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** Standard base64 of text encoded as UTF-8, without Buffer (the same on every runtime). */
function base64OfText(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Creates the OAuth client-credentials token manager: POST {base}/token with Basic auth, cache the token
 * until shortly before it expires, single-flight refreshes, and never cache a failure.
 */
export function createDwollaTokenManager(rawSettings: DwollaTokenManagerSettings): DwollaTokenManager {
  const settings = parseInput('createDwollaTokenManager', settingsSchema(), rawSettings);
  const now = settings.now ?? Date.now;
  const leewayMs = settings.leewayMs ?? 60_000;
  let cached: CachedToken | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const key = settings.key();
    const secret = settings.secret();
    const basic = base64OfText(`${key}:${secret}`);
    registerSecret(basic);
    const requestedAt = now();
    const response = await sendHttpRequest({
      provider: 'dwolla',
      endpoint: '/token',
      url: settings.tokenUrl,
      method: 'POST',
      headers: {
        Authorization: `Basic ${basic}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: DWOLLA_MEDIA_TYPE,
      },
      body: 'grant_type=client_credentials',
      timeoutMs: settings.timeoutMs,
      fetch: settings.fetch,
      logger: settings.logger,
    });
    if (response.status >= 400) {
      throw createDwollaApiError(response, { method: 'POST', endpoint: '/token', idempotent: false });
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const json = parseJsonText(response.text);
    if (!json.ok) {
      throw new ResponseValidationError({
        provider: 'dwolla',
        endpoint: '/token',
        status: response.status,
        requestId,
        issues: [{ path: '', message: 'expected a JSON body' }],
      });
    }
    // Register before validating so a malformed answer carrying a token never leaks it in an error.
    const maybeToken = (json.value as { access_token?: unknown } | null)?.access_token;
    if (typeof maybeToken === 'string') registerSecret(maybeToken);
    const body = parseResponse(tokenResponseSchema(), json.value, {
      provider: 'dwolla',
      endpoint: '/token',
      status: response.status,
      requestId,
    });
    const lifetimeMs = body.expires_in * 1000;
    cached = {
      value: body.access_token,
      refreshAt: requestedAt + lifetimeMs - Math.min(leewayMs, lifetimeMs / 2),
    };
    settings.logger.debug('dwolla: fetched an application access token', {
      expiresInSeconds: body.expires_in,
    });
    return body.access_token;
  }

  const typed: DwollaTokenManager = {
    async getToken(signal) {
      if (signal?.aborted) throw createAbortError('dwolla', '/token', signal);
      if (cached && now() < cached.refreshAt) return cached.value;
      if (!inflight) {
        inflight = fetchToken().finally(() => {
          inflight = undefined;
        });
      }
      return raceAbort(inflight, signal, 'dwolla', '/token');
    },
    invalidate(token) {
      if (cached?.value === token) cached = undefined;
    },
  };
  const manager: DwollaTokenManager = {
    async getToken(rawSignal) {
      return typed.getToken(parseInput('DwollaTokenManager.getToken', optionalSignalSchema, rawSignal));
    },
    invalidate(rawToken) {
      typed.invalidate(parseInput('DwollaTokenManager.invalidate', tokenSchema(), rawToken));
    },
  };
  // The Dwolla client passes its own typed signal and token: it calls `typed`, which does not parse them again.
  return registerTypedTwin(manager, typed);
}

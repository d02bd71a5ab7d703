import { platform } from '#platform';
import { NetworkError, type NetworkErrorReason, type ProviderName } from './errors.js';
import { type FetchFunction, sendWithFetch } from './fetch-transport.js';
import { type Logger, silentLogger } from './logger.js';
import type { HeaderView } from './platform/platform-types.js';
import { createAbortError } from './retry.js';
import { isTransportTimeout } from './transport-timeout.js';

export type { FetchFunction } from './fetch-transport.js';
export type { HeaderView } from './platform/platform-types.js';

/** One HTTP request to a provider. */
export interface HttpRequest {
  provider: ProviderName;
  /** Short name of the endpoint, for messages and logs, e.g. `/item/get`. */
  endpoint: string;
  url: string;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /**
   * A custom fetch; when absent, the runtime's default transport sends the request: Node's own HTTP
   * client on Node (far less CPU than fetch), the global `fetch` on workerd, Deno and Bun.
   */
  fetch?: FetchFunction | undefined;
  logger: Logger;
}

/** A provider's raw answer. */
export interface HttpResponse {
  status: number;
  /** The response headers: a fetch `Headers` for a custom fetch, a light view otherwise. */
  headers: HeaderView;
  text: string;
}

function networkReason(error: unknown): NetworkErrorReason {
  // fetch puts the socket error in `cause`; Node's HTTP client rejects with it directly.
  const own = (error as { code?: unknown } | undefined)?.code;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof own === 'string' ? own : typeof cause?.code === 'string' ? cause.code : '';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH') {
    return 'unreachable';
  }
  // ECONNRESET, EPIPE, undici's UND_ERR_* and anything else: the connection failed before an answer.
  return 'reset';
}

/** Sends one request with a timeout and the caller's abort signal; never retries. */
export async function sendHttpRequest(request: HttpRequest): Promise<HttpResponse> {
  if (request.signal?.aborted) throw createAbortError(request.provider, request.endpoint, request.signal);
  // The default (silent) logger drops everything: its debug lines are not built at all.
  const logs = request.logger !== silentLogger;
  const started = logs ? Date.now() : 0;
  try {
    const { status, headers, text } =
      request.fetch === undefined
        ? await platform.send(request)
        : await sendWithFetch(request.fetch, request, platform.scheduleTimeout);
    if (logs) {
      request.logger.debug(`${request.provider} ${request.method} ${request.endpoint} -> ${status}`, {
        provider: request.provider,
        endpoint: request.endpoint,
        status,
        durationMs: Date.now() - started,
      });
    }
    return { status, headers, text };
  } catch (error) {
    if (request.signal?.aborted) throw createAbortError(request.provider, request.endpoint, request.signal);
    if (isTransportTimeout(error)) {
      throw new NetworkError(
        request.provider,
        request.endpoint,
        'timeout',
        `no answer within ${request.timeoutMs} ms`,
        { cause: error },
      );
    }
    const reason = networkReason(error);
    const detail = error instanceof Error ? error.message : String(error);
    request.logger.debug(`${request.provider} ${request.method} ${request.endpoint} failed: ${detail}`, {
      provider: request.provider,
      endpoint: request.endpoint,
      reason,
    });
    throw new NetworkError(request.provider, request.endpoint, reason, `request failed (${detail})`, {
      cause: error,
    });
  }
}

/** Parses JSON without throwing; `ok: false` for empty or non-JSON text. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Reads a Retry-After header (seconds or HTTP date) as milliseconds. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Whether an HTTP status is worth retrying: 408, 429 and 5xx (not 409: each adapter decides about conflicts itself). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Trims a trailing slash from a base URL. */
export function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

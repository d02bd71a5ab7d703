import type { PendingTimeout, TransportAnswer, TransportRequest } from './platform/platform-types.js';
import { TransportTimeout } from './transport-timeout.js';

/** A fetch-compatible function; injectable for tests and custom transports. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Sends one request with a fetch function and reads the whole answer as text. fetch can only be
 * cancelled through a signal, so this path keeps one AbortController per request; the deadline covers
 * the body too. Rejects with `TransportTimeout` on the deadline, or with fetch's own error.
 */
export async function sendWithFetch(
  fetchFunction: FetchFunction,
  request: TransportRequest,
  scheduleTimeout: (ms: number, onTimeout: () => void) => PendingTimeout,
): Promise<TransportAnswer> {
  const controller = new AbortController();
  let timedOut = false;
  const timeout = scheduleTimeout(request.timeoutMs, () => {
    timedOut = true;
    controller.abort();
  });
  const onAbort = (): void => controller.abort();
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const init: RequestInit = { method: request.method, headers: request.headers, signal: controller.signal };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetchFunction(request.url, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (timedOut) throw new TransportTimeout(request.timeoutMs);
    throw error;
  } finally {
    timeout.cancel();
    request.signal?.removeEventListener('abort', onAbort);
  }
}

import { NetworkError, type ProviderName } from './errors.js';

/** Settings for `withRetry`. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 disables retrying). */
  maxRetries?: number;
  /** Base of the exponential backoff in ms (default 250). */
  initialDelayMs?: number;
  /** Cap of one backoff delay in ms (default 8000). */
  maxDelayMs?: number;
  /** Longest Retry-After we honour in ms (default 60000); longer hints are not retried. */
  maxRetryAfterMs?: number;
  /** Stops waiting and retrying at once when aborted. */
  signal?: AbortSignal | undefined;
  /** Decides whether an error is worth another attempt (default: `isRetryableError`). */
  isRetryable?: (error: unknown) => boolean;
  /** Called before each wait, e.g. for logging. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Source of randomness for jitter (default Math.random). */
  random?: () => number;
  /** For the abort error: who and what we were calling. */
  provider?: ProviderName;
  endpoint?: string;
}

/** Whether an error says that repeating the same request may succeed. */
export function isRetryableError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { isRetryable?: unknown }).isRetryable === true
  );
}

function retryAfterOf(error: unknown): number | undefined {
  const value =
    typeof error === 'object' && error !== null
      ? (error as { retryAfterMs?: unknown }).retryAfterMs
      : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The error thrown when a caller's AbortSignal fires. */
export function createAbortError(
  provider: ProviderName,
  endpoint: string,
  signal?: AbortSignal,
): NetworkError {
  const reason = signal?.reason;
  if (NetworkError.isInstance(reason)) return reason;
  return new NetworkError(provider, endpoint, 'aborted', 'the request was aborted by the caller', {
    cause: reason,
  });
}

/**
 * Settles like `promise`, but rejects at once with an aborted NetworkError when `signal` aborts; for work
 * that cannot itself be cancelled (a shared token fetch, an SDK request already sent). A late rejection of
 * `promise` after the abort is swallowed, never an unhandled rejection.
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  provider: ProviderName,
  endpoint: string,
): Promise<T> {
  if (!signal) return promise;
  promise.catch(() => {});
  if (signal.aborted) return Promise.reject(createAbortError(provider, endpoint, signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(createAbortError(provider, endpoint, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Waits `ms`, rejecting at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal, onAbort?: () => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(onAbort ? onAbort() : signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = (): void => {
      clearTimeout(timer);
      reject(onAbort ? onAbort() : signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** The delay before retry number `attempt` (1-based): Retry-After when given, else full-jitter backoff. */
export function computeRetryDelay(
  attempt: number,
  error: unknown,
  options: RetryOptions = {},
): number | undefined {
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined) {
    return retryAfter <= (options.maxRetryAfterMs ?? 60_000) ? retryAfter : undefined;
  }
  const base = options.initialDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 8000;
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/**
 * Runs `operation`, retrying retryable failures (network errors, 5xx, 429 and retryable provider codes)
 * with exponential backoff and full jitter, honouring Retry-After. Client errors are never retried, and
 * the caller's idempotency key stays the same because `operation` builds the request each time from the
 * same inputs. The last error is rethrown unchanged.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxRetries = Math.max(0, options.maxRetries ?? 2);
  const isRetryable = options.isRetryable ?? isRetryableError;
  const abortError = (): NetworkError =>
    createAbortError(options.provider ?? 'plaid', options.endpoint ?? 'request', options.signal);
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw abortError();
    try {
      return await operation(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw abortError();
      if (attempt >= maxRetries || !isRetryable(error)) throw error;
      const delayMs = computeRetryDelay(attempt + 1, error, options);
      if (delayMs === undefined) throw error;
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, options.signal, abortError);
    }
  }
}

import { AchBridgeError } from '@achbridge/core';

/** How a call ended. */
export type Settled<T> =
  | { kind: 'success'; value: T }
  | { kind: 'error'; error: unknown }
  | { kind: 'hang'; afterMs: number };

/**
 * Waits for `promise` but gives up after `deadlineMs` (a safety net that turns a hang into a reported
 * outcome instead of a stuck suite; the deadline is far above any legitimate duration).
 */
export async function settle<T>(promise: Promise<T>, deadlineMs: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang', afterMs: deadlineMs }), deadlineMs);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Settled<T> => ({ kind: 'success', value }),
        (error: unknown): Settled<T> => ({ kind: 'error', error }),
      ),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fields of a thrown error the suites report and assert on. */
export interface ErrorSummary {
  /** `error.name`, e.g. `PlaidApiError`. */
  name: string;
  /** Whether it is an achbridge error (AchBridgeError marker). */
  typed: boolean;
  /** The achbridge error code, e.g. `NETWORK_TIMEOUT` or Stripe's code. */
  code: string | undefined;
  /** The error's remediation text, when it has one. */
  remediation: string | undefined;
  /** Whether the error says a retry may help. */
  retryable: boolean | undefined;
  /** The message (already redacted by achbridge). */
  message: string;
}

/** Summarises a thrown value for the reports. */
export function summarizeError(error: unknown): ErrorSummary {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const remediation = record['remediation'];
  const retryable = record['isRetryable'];
  return {
    name: error instanceof Error ? error.name : typeof error,
    typed: AchBridgeError.isInstance(error),
    code: typeof record['code'] === 'string' ? record['code'] : undefined,
    remediation: typeof remediation === 'string' && remediation.trim() !== '' ? remediation : undefined,
    retryable: typeof retryable === 'boolean' ? retryable : undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}

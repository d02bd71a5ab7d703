/** Per-attempt timeout of every client in the fault suites: short, so a delayed answer is a timeout quickly, yet long enough that a loaded CI machine does not time out answers that succeeded. */
export const FAULT_TIMEOUT_MS = 800;

/** Delay of `delay` faults: longer than the timeout, so the client gives up first. */
export const FAULT_DELAY_MS = 1_500;

/** Retries after the first attempt, as in production defaults. */
export const FAULT_MAX_RETRIES = 2;

/** Backoff base and cap between retries: tiny, so the suite stays fast (Retry-After still wins when sent). */
export const FAULT_RETRY_DELAY_MS = { initial: 5, max: 20 } as const;

/** Retry-After of the 429 faults, in seconds (the clients honour it). */
export const FAULT_RETRY_AFTER_SECONDS = 1;

import { z } from 'zod';

/** Retry tuning, spelled the same in every achbridge client and adapter: `retry: { maxRetries, initialDelayMs, maxDelayMs }`. */
export interface RetrySettings {
  /** Retries after the first attempt (default 2; 0 disables retrying). */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff in ms (default 250); a provider's Retry-After wins when sent. */
  initialDelayMs?: number | undefined;
  /** Cap of one backoff delay in ms (default 8000). */
  maxDelayMs?: number | undefined;
}

/** The zod schema of `RetrySettings`, for settings schemas that embed a `retry` field. */
export const retrySettingsSchema = z.strictObject({
  maxRetries: z.number().int().min(0).max(10).optional(),
  initialDelayMs: z.number().int().min(0).max(60_000).optional(),
  maxDelayMs: z.number().int().min(0).max(300_000).optional(),
});

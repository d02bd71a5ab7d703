import { ConfigError, type FetchFunction, type Logger, type RetrySettings } from '@achbridge/core';
import {
  clientTransportSettingsFields,
  credentialSettingSchema,
  lazySchema,
  loggerSchema,
  parseInput,
  retrySettingsSchema,
} from '@achbridge/core/internal';
import { z } from 'zod';
import type { DwollaEnvironment } from './dwolla-environments.js';

/** Settings for `createDwollaClient`. */
export interface DwollaClientSettings {
  /** Application key; falls back to DWOLLA_KEY, read at the first request. */
  key?: string;
  /** Application secret; falls back to DWOLLA_SECRET, read at the first request. */
  secret?: string;
  /** `sandbox` (default) or `production`. */
  environment?: DwollaEnvironment;
  /** Overrides the environment's host, e.g. the emulator's `http://127.0.0.1:4010/dwolla`; falls back to DWOLLA_BASE_URL. */
  baseUrl?: string;
  /** Injectable fetch (tests, proxies). */
  fetch?: FetchFunction;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /**
   * Retry tuning for network errors, 5xx, 429 and 409 on idempotent POSTs:
   * `{ maxRetries = 2, initialDelayMs = 250, maxDelayMs = 8000 }`; small delays keep tests fast.
   */
  retry?: RetrySettings;
  /** @deprecated Use `retry: { maxRetries }` (wins when both are set); removed in the next minor release. */
  maxRetries?: number;
  /** @deprecated Use `retry: { initialDelayMs }` (wins when both are set); removed in the next minor release. */
  retryInitialDelayMs?: number;
  /** Longest Retry-After honoured in ms (default 60000); a longer 429 is returned to the caller. */
  maxRetryAfterMs?: number;
  /** Receives redacted debug/info/warn/error lines; silent by default. */
  logger?: Logger;
}

const settingsSchema = lazySchema(() =>
  z.object({
    key: credentialSettingSchema().optional(),
    secret: credentialSettingSchema().optional(),
    ...clientTransportSettingsFields(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    retryInitialDelayMs: z.number().int().min(0).max(60_000).optional(),
    retry: retrySettingsSchema.optional(),
    maxRetryAfterMs: z.number().int().min(0).max(3_600_000).optional(),
    logger: loggerSchema().optional(),
  }),
);

/**
 * Validates `createDwollaClient` settings; `development` (a Plaid environment Dwolla never had) is a
 * ConfigError explaining the pairing rule, anything else invalid is an InputValidationError naming the field.
 */
export function parseDwollaClientSettings(settings: unknown): z.output<ReturnType<typeof settingsSchema>> {
  const environment = (settings as { environment?: unknown } | null | undefined)?.environment;
  if (environment === 'development') {
    throw new ConfigError(
      "createDwollaClient: environment 'development' does not exist at Dwolla. Use 'sandbox' (pairs with Plaid Sandbox) " +
        "or 'production' (pairs with Plaid Production). The Dwolla Sandbox and Production environments are not " +
        'compatible with the Plaid Development environment.',
      { code: 'DWOLLA_ENVIRONMENT_INVALID' },
    );
  }
  return parseInput('createDwollaClient', settingsSchema(), settings ?? {});
}

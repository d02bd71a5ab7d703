import { ConfigError, type FetchFunction, type Logger, type RetrySettings } from '@achbridge/core';
import {
  clientTransportSettingsFields,
  credentialSettingSchema,
  lazySchema,
  parseInput,
} from '@achbridge/core/internal';
import { z } from 'zod';
import type { ModernTreasuryEnvironment } from './mt-environments.js';

/** Modern Treasury settings of `createModernTreasuryAdapter` (its `modernTreasury` option). */
export interface ModernTreasurySettings {
  /** Organization id (the Basic username); falls back to MODERN_TREASURY_ORGANIZATION_ID, read at the first request. */
  organizationId?: string | undefined;
  /** API key (the Basic password); falls back to MODERN_TREASURY_API_KEY, read at the first request. */
  apiKey?: string | undefined;
  /** Which environment the key belongs to: `sandbox` (default; pairs with Plaid Sandbox) or `production`. */
  environment?: ModernTreasuryEnvironment | undefined;
  /** Overrides the API host (else MODERN_TREASURY_BASE_URL, else https://app.moderntreasury.com), e.g. the emulator's. */
  baseUrl?: string | undefined;
  /** Injectable fetch (tests, proxies); the runtime's default transport otherwise. */
  fetch?: FetchFunction | undefined;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
}

/** Retry tuning of the adapter (core's `RetrySettings`): retries after the first attempt and the backoff. */
export type ModernTreasuryRetrySettings = RetrySettings;

/** The validated settings plus the retry and logger options the client uses. */
export type ParsedModernTreasurySettings = z.output<ReturnType<typeof settingsSchema>> & {
  retry?: ModernTreasuryRetrySettings | undefined;
  logger?: Logger | undefined;
};

const settingsSchema = lazySchema(() =>
  z
    .object({
      organizationId: credentialSettingSchema().optional(),
      apiKey: credentialSettingSchema().optional(),
      ...clientTransportSettingsFields(),
    })
    .strict(),
);

/** Validates the `modernTreasury` settings; `development` is a ConfigError explaining the pairing rule. */
export function parseModernTreasurySettings(
  operation: string,
  settings: unknown,
): z.output<ReturnType<typeof settingsSchema>> {
  const environment = (settings as { environment?: unknown } | null | undefined)?.environment;
  if (environment === 'development') {
    throw new ConfigError(
      `${operation}: Modern Treasury has no 'development' environment. Use 'sandbox' (sandbox API keys; pairs with Plaid Sandbox) or 'production' (pairs with Plaid Production).`,
      { code: 'MODERN_TREASURY_ENVIRONMENT_INVALID' },
    );
  }
  return parseInput(operation, settingsSchema(), settings);
}

import { z } from 'zod';
import { baseUrlFromEnvironment } from '../base-url-setting.js';
import { type FetchFunction, withoutTrailingSlash } from '../http.js';
import { lazySchema } from '../lazy-schema.js';
import type { Logger } from '../logger.js';
import { retrySettingsSchema } from '../retry-settings.js';
import { parseInput } from '../validate.js';
import type { PlaidClientSettings, PlaidEnvironment } from './plaid-client-types.js';
import { PLAID_ENVIRONMENT_URLS, resolvePlaidEnvironment } from './plaid-environments.js';

const isLogger = (value: unknown): value is Logger =>
  typeof value === 'object' &&
  value !== null &&
  ['debug', 'info', 'warn', 'error'].every(
    (level) => typeof (value as Record<string, unknown>)[level] === 'function',
  );

const settingsSchema = lazySchema(() =>
  z.strictObject({
    clientId: z.string().trim().min(1, 'must be a non-empty string').optional(),
    secret: z.string().trim().min(1, 'must be a non-empty string').optional(),
    environment: z.unknown().optional(),
    baseUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    fetch: z
      .custom<FetchFunction>((value) => typeof value === 'function', {
        message: 'must be a fetch-compatible function',
      })
      .optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    initialRetryDelayMs: z.number().int().min(0).max(60_000).optional(),
    maxRetryDelayMs: z.number().int().min(0).max(300_000).optional(),
    retry: retrySettingsSchema.optional(),
    logger: z
      .custom<Logger>(isLogger, { message: 'must have debug, info, warn and error functions' })
      .optional(),
  }),
);
const PLAID_BASE_URL = {
  environmentVariable: 'PLAID_BASE_URL',
  optionName: 'baseUrl',
  example: 'http://127.0.0.1:4010/plaid',
};

const optionalSettingsSchema = lazySchema(() => settingsSchema().optional());

/** Settings after validation, with defaults applied. */
export interface ResolvedPlaidSettings {
  clientId: string | undefined;
  secret: string | undefined;
  environment: PlaidEnvironment;
  baseUrl: string;
  /** undefined: core's default transport (Node's HTTP client). */
  fetch: FetchFunction | undefined;
  timeoutMs: number;
  maxRetries: number;
  initialRetryDelayMs: number | undefined;
  maxRetryDelayMs: number | undefined;
  logger: Logger | undefined;
}

/**
 * Validates `createPlaidClient` settings without touching credentials (they are read lazily). The base URL is
 * `baseUrl`, else PLAID_BASE_URL (validated), else the environment's Plaid host.
 */
export function resolvePlaidSettings(settings: PlaidClientSettings | undefined): ResolvedPlaidSettings {
  const input = parseInput('createPlaidClient', optionalSettingsSchema(), settings) ?? {};
  const environment = resolvePlaidEnvironment(input.environment);
  return {
    clientId: input.clientId,
    secret: input.secret,
    environment,
    baseUrl: withoutTrailingSlash(
      input.baseUrl ?? baseUrlFromEnvironment(PLAID_BASE_URL) ?? PLAID_ENVIRONMENT_URLS[environment],
    ),
    fetch: input.fetch,
    timeoutMs: input.timeoutMs ?? 30_000,
    // `retry` is the spelling every client shares; the top-level names are deprecated aliases it overrides.
    maxRetries: input.retry?.maxRetries ?? input.maxRetries ?? 2,
    initialRetryDelayMs: input.retry?.initialDelayMs ?? input.initialRetryDelayMs,
    maxRetryDelayMs: input.retry?.maxDelayMs ?? input.maxRetryDelayMs,
    logger: input.logger,
  };
}

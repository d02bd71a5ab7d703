import { z } from 'zod';
import type { FetchFunction } from './fetch-transport.js';
import { lazySchema } from './lazy-schema.js';
import type { Logger } from './logger.js';

/** Whether `value` is callable. */
export const isFunction = (value: unknown): boolean => typeof value === 'function';

/** An `AbortSignal` option. */
export const abortSignalSchema = lazySchema(() =>
  z.custom<AbortSignal>((value) => value instanceof AbortSignal, 'expected an AbortSignal'),
);

/** A `Logger` option: an object with debug, info, warn and error functions. */
export const loggerSchema = lazySchema(() =>
  z.custom<Logger>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      ['debug', 'info', 'warn', 'error'].every((level) =>
        isFunction((value as Record<string, unknown>)[level]),
      ),
    'expected a logger with debug, info, warn and error',
  ),
);

/** A fetch-compatible function option. */
export const fetchSchema = lazySchema(() =>
  z.custom<FetchFunction>(isFunction, 'expected a fetch-compatible function'),
);

/** An idempotency key chosen by the caller: 1–255 printable ASCII characters without spaces. */
export const idempotencyKeySchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
);

/** A client's `baseUrl` option: an absolute http(s) URL with a host. */
export const absoluteHttpUrlSchema = lazySchema(() =>
  z.string().refine((value) => /^https?:\/\/[^/\s]+/.test(value) && URL.canParse(value), {
    message: 'expected an absolute http(s) URL',
  }),
);

/**
 * Whether `value` looks like a Plaid client from `createPlaidClient` as an adapter uses it: the
 * `exchangePublicToken`, `getAccounts` and `request` methods and a known `environment`.
 */
export function isPlaidClientLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['exchangePublicToken', 'getAccounts', 'request'].every((name) =>
      isFunction((value as Record<string, unknown>)[name]),
    ) &&
    ['sandbox', 'production', 'development'].includes(
      String((value as { environment?: unknown }).environment),
    )
  );
}

/** A credential setting (key, secret, API key, ...): a trimmed, non-empty string. */
export const credentialSettingSchema = lazySchema(() => z.string().trim().min(1, 'must not be empty'));

/**
 * The transport fields of a processor client's settings, spread after its credentials: `environment`
 * (`sandbox` or `production`), `baseUrl`, `fetch` and `timeoutMs` (at most 10 minutes), all optional.
 */
export function clientTransportSettingsFields() {
  return {
    environment: z.enum(['sandbox', 'production']).optional(),
    baseUrl: absoluteHttpUrlSchema().optional(),
    fetch: fetchSchema().optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
  };
}

import type { FetchFunction, Logger } from '@achbridge/core';
import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';

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

/** A Modern Treasury object id (a UUID). */
export const mtIdSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .regex(
      /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
      'expected a Modern Treasury id (UUID)',
    )
    .transform((value) => value.toLowerCase()),
);

/** Per-call options: an optional AbortSignal. */
export const callOptionsSchema = lazySchema(() =>
  z.object({ signal: abortSignalSchema().optional() }).strict().optional(),
);

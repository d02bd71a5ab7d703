import type { Logger } from '@achbridge/core';
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

/** An Idempotency-Key chosen by the caller (Dwolla allows at most 255 printable ASCII characters). */
export const idempotencyKeySchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
);

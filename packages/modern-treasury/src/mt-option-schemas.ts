import { abortSignalSchema, lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';

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

/** Per-call options: an optional AbortSignal (unknown keys are refused). */
export const callOptionsSchema = lazySchema(() =>
  z.object({ signal: abortSignalSchema().optional() }).strict().optional(),
);

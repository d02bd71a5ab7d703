import type { Context } from 'hono';
import { z } from 'zod';

/** A zod schema for the Hono context a handler receives (an object with `req` and `json`). */
export const honoContextSchema = z.custom<Context>(
  (value) => typeof value === 'object' && value !== null && 'req' in value && 'json' in value,
  { message: 'must be a Hono context' },
);

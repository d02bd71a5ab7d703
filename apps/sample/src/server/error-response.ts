import { parseInput, redactSecrets } from '@achbridge/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describeError } from '../errors/describe-error.js';
import { honoContextSchema } from './hono-context-schema.js';

/** Hono `onError`: every error becomes JSON `{ error: { code, message, field?, category?, remediation?, ... } }`. */
export function errorResponse(error: Error, c: Context): Response {
  parseInput('errorResponse', honoContextSchema, c);
  if (error instanceof HTTPException) {
    const status = error.status;
    return c.json(
      {
        error: {
          code: `HTTP_${status}`,
          message: error.message || 'Request rejected.',
          type: 'HTTPException',
        },
      },
      status,
    );
  }
  const described = describeError(error);
  if (described.status === 500)
    console.error(`achbridge sample: unexpected error: ${redactSecrets(error.stack ?? error.message)}`);
  return c.json({ error: described.error }, described.status);
}

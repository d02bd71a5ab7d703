import { parseInput } from '@achbridge/core';
import type { Context } from 'hono';
import type { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import { honoContextSchema } from './hono-context-schema.js';

/** Reads a JSON request body; an empty body counts as `{}`, anything not JSON is a 400 SampleError. */
export async function readJsonBody(c: Context): Promise<unknown> {
  parseInput('readJsonBody', honoContextSchema, c);
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SampleError(
      400,
      'INVALID_JSON',
      'The request body is not valid JSON; send a JSON object with Content-Type: application/json.',
    );
  }
}

/**
 * Reads a JSON request body as an object whose fields the flow then validates; an empty body, an array or a
 * scalar counts as `{}` (the flow's own validation then names the missing field).
 */
export async function readObjectBody(c: Context): Promise<Record<string, unknown>> {
  const body = await readJsonBody(c);
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** Reads a JSON request body and validates it with `schema` (400 naming the field when it does not match). */
export async function readValidBody<S extends z.ZodType>(
  c: Context,
  operation: string,
  schema: S,
): Promise<z.output<S>> {
  return parseInput(operation, schema, await readJsonBody(c));
}

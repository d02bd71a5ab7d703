import { isPlainObject } from '../input-validation.js';
import { parseJsonSafely } from '../safe-json.js';
import { badRequest } from './dwolla-errors.js';

/** A parsed JSON request body: always a plain object. */
export type DwollaJsonBody = Record<string, unknown>;

/** Parses a JSON object body; anything else (empty, invalid JSON, array, scalar) is a 400 `BadRequest`. */
export function parseJsonBody(rawBody: Buffer): DwollaJsonBody {
  const text = rawBody.toString('utf8');
  if (text.trim() === '') throw badRequest();
  const result = parseJsonSafely(text);
  if (!result.ok || !isPlainObject(result.value)) throw badRequest();
  return result.value;
}

/** Parses an `application/x-www-form-urlencoded` body into a map of first values. */
export function parseFormBody(rawBody: Buffer): Map<string, string> {
  const params = new URLSearchParams(rawBody.toString('utf8'));
  const result = new Map<string, string>();
  for (const [key, value] of params) {
    if (!result.has(key)) result.set(key, value);
  }
  return result;
}

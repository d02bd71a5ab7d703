import { isPlainObject } from '../input-validation.js';
import { parseJsonSafely } from '../safe-json.js';
import { ModernTreasuryEmulatorError } from './mt-errors.js';

/** A parsed JSON request body (null-prototype objects). */
export type MtBody = Record<string, unknown>;

/** Parses a JSON object body; an empty body is `{}`; anything else that is not an object is a 400. */
export function parseMtBody(rawBody: Buffer): MtBody {
  const text = rawBody.toString('utf8');
  if (text.trim() === '') return Object.create(null) as MtBody;
  const result = parseJsonSafely(text);
  if (!result.ok || !isPlainObject(result.value)) {
    throw new ModernTreasuryEmulatorError(
      400,
      'parameter_invalid',
      'The request body is not a JSON object',
      'body',
    );
  }
  return result.value;
}

/** `metadata[key]=value` query parameters as a map. */
export function metadataQuery(query: URLSearchParams): Map<string, string> {
  const filters = new Map<string, string>();
  for (const [name, value] of query) {
    const match = /^metadata\[(.+)\]$/.exec(name);
    if (match?.[1] !== undefined) filters.set(match[1], value);
  }
  return filters;
}

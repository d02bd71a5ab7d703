import { isPlainObject } from '../input-validation.js';
import { parseJsonSafely } from '../safe-json.js';
import { ModernTreasuryEmulatorError, parameterInvalid, parameterMissing } from './mt-errors.js';

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

/** A required non-empty string field. */
export function requiredString(body: MtBody, field: string, path = field): string {
  const value = body[field];
  if (value === undefined || value === null || value === '') throw parameterMissing(path);
  if (typeof value !== 'string') throw parameterInvalid(path, `${path} must be a string`);
  return value;
}

/** An optional string field (null and absent are null); `max` caps its length. */
export function optionalString(body: MtBody, field: string, max: number, path = field): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw parameterInvalid(path, `${path} must be a string`);
  if (value.length > max) throw parameterInvalid(path, `${path} is too long (maximum is ${max} characters)`);
  return value;
}

/** Optional metadata: an object of string keys and string values (Modern Treasury's rule). */
export function metadataOf(body: MtBody, path = 'metadata'): Record<string, string> {
  const value = body['metadata'];
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw parameterInvalid(path, `${path} must be an object`);
  const metadata: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string')
      throw parameterInvalid(`${path}.${key}`, 'metadata values must be strings');
    metadata[key] = entry;
  }
  return metadata;
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

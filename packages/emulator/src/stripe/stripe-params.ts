import { type FormHash, type FormValue, isHash } from './form-decode.js';
import {
  invalidParameter,
  parameterInvalidEmpty,
  parameterInvalidInteger,
  parameterMissing,
  parameterUnknown,
} from './stripe-errors.js';

/** Allowed parameter names of an endpoint; nested hashes list their own allowed children. */
export interface ParamSpec {
  [name: string]: true | ParamSpec;
}

function joinName(parent: string, key: string): string {
  return parent.length === 0 ? key : `${parent}[${key}]`;
}

/** Rejects any parameter not named in `spec` with Stripe's `parameter_unknown` (reporting its full bracket name). */
export function rejectUnknownParams(params: FormHash, spec: ParamSpec, parent = ''): void {
  for (const [key, value] of Object.entries(params)) {
    const name = joinName(parent, key);
    const rule = spec[key];
    if (rule === undefined) throw parameterUnknown(name);
    if (typeof rule === 'object' && isHash(value)) rejectUnknownParams(value, rule, name);
    else if (typeof rule === 'object' && typeof value === 'string' && value !== '') {
      throw invalidParameter(name, `Invalid object`);
    }
  }
}

/** Reads a sub-hash (e.g. `mandate_data`), or undefined when absent; a non-hash value is invalid. */
export function readHash(params: FormHash, key: string, name = key): FormHash | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (!isHash(value)) throw invalidParameter(name, 'Invalid object');
  return value;
}

/** Reads an optional string parameter; `''` means "unset" and yields null. */
export function readOptionalString(
  params: FormHash,
  key: string,
  name = key,
  maxLength = 5000,
): string | null | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, `Invalid string: ${name}`);
  if (value === '') return null;
  if (value.length > maxLength) {
    throw invalidParameter(name, `Invalid string: ${name}; must be at most ${maxLength} characters`);
  }
  return value;
}

/** Reads a required, non-empty string parameter. */
export function readRequiredString(params: FormHash, key: string, name = key): string {
  const value = params[key];
  if (value === undefined) throw parameterMissing(name);
  if (typeof value !== 'string') throw invalidParameter(name, `Invalid string: ${name}`);
  if (value === '') throw parameterInvalidEmpty(name);
  return value;
}

/** Reads an optional integer parameter (decimal digits only, like Stripe). */
export function readOptionalInteger(params: FormHash, key: string, name = key): number | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^-?\d{1,15}$/.test(value)) throw parameterInvalidInteger(name);
  return Number.parseInt(value, 10);
}

/** Reads a required integer parameter. */
export function readRequiredInteger(params: FormHash, key: string, name = key): number {
  if (params[key] === undefined) throw parameterMissing(name);
  if (params[key] === '') throw parameterInvalidEmpty(name);
  return readOptionalInteger(params, key, name) as number;
}

/** Reads an optional boolean parameter (`true`/`false`). */
export function readOptionalBoolean(params: FormHash, key: string, name = key): boolean | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParameter(name, `Invalid boolean: ${typeof value === 'string' ? value : 'object'}`);
}

/** Reads an optional enum parameter. */
export function readOptionalEnum<T extends string>(
  params: FormHash,
  key: string,
  allowed: readonly T[],
  name = key,
): T | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const shown = typeof value === 'string' ? value : 'object';
    throw invalidParameter(name, `Invalid ${name}: must be one of ${allowed.join(', ')} (got ${shown})`);
  }
  return value as T;
}

/**
 * Reads a list parameter given as `x[]=a&x[]=b`, `x[0]=a&x[1]=b` or (tolerated) a single `x=a`.
 * Indexed hashes are ordered by index; non-numeric keys are rejected.
 */
export function readStringList(params: FormHash, key: string, name = key): string[] | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value === '' ? [] : [value];
  let items: FormValue[];
  if (Array.isArray(value)) {
    items = value;
  } else {
    const entries = Object.entries(value);
    if (!entries.every(([index]) => /^\d+$/.test(index))) throw invalidParameter(name, `Invalid array`);
    items = entries.sort(([left], [right]) => Number(left) - Number(right)).map(([, item]) => item);
  }
  return items.map((item, index) => {
    if (typeof item !== 'string') throw invalidParameter(`${name}[${index}]`, `Invalid string`);
    return item;
  });
}

/** Stripe's metadata limits. */
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;

/**
 * Applies a `metadata` parameter to existing metadata: each key is set, an empty value removes the key,
 * and `metadata=` (empty string) clears all keys. Returns the new metadata.
 */
export function applyMetadata(params: FormHash, existing: Record<string, string>): Record<string, string> {
  const value = params['metadata'];
  if (value === undefined) return existing;
  if (value === '') return {};
  if (!isHash(value)) throw invalidParameter('metadata', 'Invalid object');
  const next = { ...existing };
  for (const [key, item] of Object.entries(value)) {
    const name = `metadata[${key}]`;
    if (typeof item !== 'string') throw invalidParameter(name, `Invalid string: ${name}`);
    if (key.length > METADATA_MAX_KEY_LENGTH) {
      throw invalidParameter(name, `Metadata keys can have up to ${METADATA_MAX_KEY_LENGTH} characters.`);
    }
    if (item.length > METADATA_MAX_VALUE_LENGTH) {
      throw invalidParameter(name, `Metadata values can have up to ${METADATA_MAX_VALUE_LENGTH} characters.`);
    }
    if (item === '') delete next[key];
    else next[key] = item;
  }
  if (Object.keys(next).length > METADATA_MAX_KEYS) {
    throw invalidParameter('metadata', `You can have up to ${METADATA_MAX_KEYS} metadata keys.`);
  }
  return next;
}

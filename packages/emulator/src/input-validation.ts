import { EmulatorInputError } from './emulator-errors.js';

/** A JSON-ish object whose keys can be read safely. */
export type PlainObject = Record<string, unknown>;

/** True for non-null, non-array objects. */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns `value` as an object (undefined becomes `{}`), or throws naming `field`. */
export function readObject(value: unknown, field: string): PlainObject {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new EmulatorInputError(field, 'must be an object');
  return value;
}

/** Throws naming the first key of `value` that is not in `allowed`. */
export function rejectUnknownKeys(value: PlainObject, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new EmulatorInputError(field ? `${field}.${key}` : key, 'is not a recognised option');
    }
  }
}

/** Reads an optional integer within [min, max]. */
export function readOptionalInteger(
  value: unknown,
  field: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new EmulatorInputError(field, `must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** Reads an optional non-empty string. */
export function readOptionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new EmulatorInputError(field, 'must be a non-empty string');
  }
  return value;
}

/** Reads an optional boolean. */
export function readOptionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new EmulatorInputError(field, 'must be a boolean');
  return value;
}

import { checkFields, effectiveValue } from './field-spec.js';
import type { BodySpec, FieldViolation } from './field-spec-types.js';

/** A body checked against a spec: its violations and typed reads of its valid top-level fields. */
export interface CheckedBody {
  /** Every violation, in the engine's order. */
  readonly violations: readonly FieldViolation[];
  /** The field's value as checked (trimmed when its spec says so), or undefined when absent or invalid. */
  string(key: string): string | undefined;
  /** The field's value when it is a valid integer, else undefined. */
  integer(key: string): number | undefined;
  /** A valid object field of string values (e.g. metadata) as a fresh object, or undefined when absent or invalid. */
  stringMap(key: string): Record<string, string> | undefined;
}

/** Checks `body` against `spec` and returns the violations with readers of the fields that passed. */
export function checkBody(body: Readonly<Record<string, unknown>>, spec: BodySpec): CheckedBody {
  const violations = checkFields(body, spec);
  const invalid = new Set(violations.map((violation) => violation.path[0]));
  return {
    violations,
    string(key) {
      const field = spec.fields[key];
      if (field === undefined || invalid.has(key)) return undefined;
      const value = effectiveValue(body[key], field);
      return typeof value === 'string' ? value : undefined;
    },
    integer(key) {
      const value = body[key];
      const valid = spec.fields[key]?.type === 'integer' && !invalid.has(key);
      return valid && typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    },
    stringMap(key) {
      const value = body[key];
      if (spec.fields[key] === undefined || invalid.has(key) || typeof value !== 'object' || value === null) {
        return undefined;
      }
      const entries = Object.entries(value).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      return Object.fromEntries(entries);
    },
  };
}

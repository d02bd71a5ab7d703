import { checkFields, effectiveValue } from './field-spec.js';
import type { BodySpec, FieldSpecs, FieldViolation, PathSegment } from './field-spec-types.js';

/** Typed reads of the valid fields of one object of a checked body (its root or a nested object field). */
export interface CheckedFields {
  /** The field's value as checked (trimmed when its spec says so), or undefined when absent, unset or invalid. */
  string(key: string): string | undefined;
  /** Like `string`, but null when the field is unset (`null` on a nullable field, `''` under `emptyUnsets`). */
  nullableString(key: string): string | null | undefined;
  /** The field's value when it is a valid integer (text read as the number it spells), else undefined. */
  integer(key: string): number | undefined;
  /** The field's value when it is a valid boolean (text read as the boolean it spells), else undefined. */
  boolean(key: string): boolean | undefined;
  /** A valid array field of strings (a form list read in index order), or undefined when absent or invalid. */
  stringList(key: string): string[] | undefined;
  /** A valid object field of string values (e.g. metadata) as a fresh object, or undefined when absent or invalid. */
  stringMap(key: string): Record<string, string> | undefined;
  /** Whether the field is present but unset (`null` on a nullable field, `''` under `emptyUnsets`). */
  cleared(key: string): boolean;
  /** The reads of a valid nested object field, or undefined when it is absent, unset or invalid. */
  object(key: string): CheckedFields | undefined;
}

/** A body checked against a spec: its violations and typed reads of its valid fields. */
export interface CheckedBody extends CheckedFields {
  /** Every violation, in the engine's order. */
  readonly violations: readonly FieldViolation[];
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.every((segment, index) => path[index] === segment);
}

function fieldsAt(
  object: Readonly<Record<string, unknown>>,
  fields: FieldSpecs,
  path: readonly PathSegment[],
  violations: readonly FieldViolation[],
): CheckedFields {
  const read = (key: string): unknown => {
    const field = fields[key];
    if (field === undefined) return undefined;
    const at = [...path, key];
    if (violations.some((violation) => startsWith(violation.path, at))) return undefined;
    return effectiveValue(object[key], field);
  };
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  return {
    string(key) {
      const value = read(key);
      return typeof value === 'string' ? value : undefined;
    },
    nullableString(key) {
      const value = read(key);
      return typeof value === 'string' || value === null ? value : undefined;
    },
    integer(key) {
      const value = read(key);
      const valid = fields[key]?.type === 'integer';
      return valid && typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    },
    boolean(key) {
      const value = read(key);
      return typeof value === 'boolean' ? value : undefined;
    },
    stringList(key) {
      const value = read(key);
      if (!Array.isArray(value)) return undefined;
      return value.every((item) => typeof item === 'string') ? [...value] : undefined;
    },
    stringMap(key) {
      const value = read(key);
      if (!isRecord(value)) return undefined;
      const entries = Object.entries(value).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      return Object.fromEntries(entries);
    },
    cleared(key) {
      return object[key] !== undefined && read(key) === null;
    },
    object(key) {
      const field = fields[key];
      const value = read(key);
      if (field?.type !== 'object' || !isRecord(value)) return undefined;
      return fieldsAt(value, field.fields, [...path, key], violations);
    },
  };
}

/** Checks `body` against `spec` and returns the violations with readers of the fields that passed. */
export function checkBody(body: Readonly<Record<string, unknown>>, spec: BodySpec): CheckedBody {
  const violations = checkFields(body, spec);
  return { violations, ...fieldsAt(body, spec.fields, [], violations) };
}

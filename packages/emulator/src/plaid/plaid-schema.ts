import { plaidError } from './plaid-errors.js';

/** A field of a Plaid request body, as the emulator validates it. */
export type PlaidField =
  | { kind: 'string'; required?: boolean; nullable?: boolean; values?: readonly string[]; minLength?: number }
  | { kind: 'integer'; required?: boolean; nullable?: boolean; minimum?: number; maximum?: number }
  | { kind: 'boolean'; required?: boolean; nullable?: boolean }
  | { kind: 'array'; required?: boolean; nullable?: boolean; items: PlaidField; minItems?: number }
  | { kind: 'object'; required?: boolean; nullable?: boolean; fields: PlaidFields; open?: boolean }
  /** Accepted without checks (fields the emulator ignores). */
  | { kind: 'any'; required?: boolean };

/** The fields of a request body or nested object. */
export type PlaidFields = Record<string, PlaidField>;

/** A parsed body: validated fields read by name. */
export type PlaidBody = Record<string, unknown>;

interface Issues {
  unknown: string[];
  missing: string[];
  invalid: string[];
}

/**
 * Checks `body` against `fields` and throws Plaid's own validation error: UNKNOWN_FIELDS first, then
 * MISSING_FIELDS, then INVALID_FIELD, each naming the offending fields by dotted path.
 */
export function validatePlaidBody(body: PlaidBody, fields: PlaidFields): void {
  const issues: Issues = { unknown: [], missing: [], invalid: [] };
  checkObject(body, fields, '', false, issues);
  if (issues.unknown.length > 0) {
    throw plaidError(
      'UNKNOWN_FIELDS',
      `the following fields are not recognized by this endpoint: ${issues.unknown.join(', ')}`,
    );
  }
  if (issues.missing.length > 0) {
    throw plaidError(
      'MISSING_FIELDS',
      `the following required fields are missing: ${issues.missing.join(', ')}`,
    );
  }
  const [first] = issues.invalid;
  if (first !== undefined) throw plaidError('INVALID_FIELD', first);
}

function checkObject(
  value: PlaidBody,
  fields: PlaidFields,
  prefix: string,
  open: boolean,
  issues: Issues,
): void {
  if (!open) {
    for (const key of Object.keys(value)) {
      if (!(key in fields)) issues.unknown.push(`${prefix}${key}`);
    }
  }
  for (const [key, field] of Object.entries(fields)) {
    checkField(value[key], field, `${prefix}${key}`, issues);
  }
}

function checkField(value: unknown, field: PlaidField, path: string, issues: Issues): void {
  if (value === undefined || (value === null && (field.kind === 'any' || !field.nullable))) {
    if (field.required) issues.missing.push(path);
    return;
  }
  if (value === null) return;
  switch (field.kind) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') {
        issues.invalid.push(`${path} must be a string`);
      } else if (field.minLength !== undefined && value.length < field.minLength) {
        issues.invalid.push(`${path} must be a non-empty string`);
      } else if (field.values && !field.values.includes(value)) {
        issues.invalid.push(`${path} must be one of the following values: ${field.values.join(', ')}`);
      }
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        issues.invalid.push(`${path} must be an integer`);
      } else if (
        (field.minimum !== undefined && value < field.minimum) ||
        (field.maximum !== undefined && value > field.maximum)
      ) {
        issues.invalid.push(
          `${path} must be between ${field.minimum ?? '-inf'} and ${field.maximum ?? 'inf'}`,
        );
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') issues.invalid.push(`${path} must be a boolean`);
      return;
    case 'array':
      if (!Array.isArray(value)) {
        issues.invalid.push(`${path} must be an array`);
        return;
      }
      if (field.minItems !== undefined && value.length < field.minItems) {
        issues.invalid.push(`${path} must contain at least ${field.minItems} item(s)`);
      }
      value.forEach((item, index) => {
        checkField(item, { ...field.items, required: true }, `${path}[${index}]`, issues);
      });
      return;
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) {
        issues.invalid.push(`${path} must be an object`);
        return;
      }
      checkObject(value as PlaidBody, field.fields, `${path}.`, field.open ?? false, issues);
      return;
  }
}

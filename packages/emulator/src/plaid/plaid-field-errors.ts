import { dottedPath } from '../kernel/field-spec-path.js';
import type { FieldViolation } from '../kernel/field-spec-types.js';
import { typeWithArticle } from '../kernel/field-spec-words.js';
import { type PlaidApiError, plaidError } from './plaid-errors.js';

/** Plaid's wording of one invalid field (`count must be between 1 and 5`). */
function invalidMessage(violation: FieldViolation): string {
  const path = dottedPath(violation.path);
  const field = violation.field;
  switch (violation.kind) {
    case 'type':
      return `${path} must be ${typeWithArticle(violation.expected)}`;
    case 'too_short':
      return field?.type === 'string' && (field.minLength ?? 1) > 1
        ? `${path} must be at least ${field.minLength} characters long`
        : `${path} must be a non-empty string`;
    case 'enum':
      return `${path} must be one of the following values: ${field?.type === 'enum' ? field.values.join(', ') : ''}`;
    case 'too_few_items':
      return `${path} must contain at least ${field?.type === 'array' ? field.minItems : 1} item(s)`;
    default:
      return `${path} must be ${violation.expected}`;
  }
}

/**
 * Plaid's 400 `INVALID_REQUEST` error for a list of violations, or undefined when there are none:
 * `UNKNOWN_FIELDS` naming every unknown field, else `MISSING_FIELDS` naming every missing one, else
 * `INVALID_FIELD` describing the first invalid one, fields named by dotted path.
 */
export function plaidFieldError(violations: readonly FieldViolation[]): PlaidApiError | undefined {
  const named = (kind: FieldViolation['kind']): string[] =>
    violations.filter((violation) => violation.kind === kind).map((violation) => dottedPath(violation.path));
  const unknown = named('unknown');
  if (unknown.length > 0) {
    return plaidError(
      'UNKNOWN_FIELDS',
      `the following fields are not recognized by this endpoint: ${unknown.join(', ')}`,
    );
  }
  const missing = named('missing');
  if (missing.length > 0) {
    return plaidError('MISSING_FIELDS', `the following required fields are missing: ${missing.join(', ')}`);
  }
  const [first] = violations;
  return first === undefined ? undefined : plaidError('INVALID_FIELD', invalidMessage(first));
}

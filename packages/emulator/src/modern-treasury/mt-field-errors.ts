import { dottedPath } from '../kernel/field-spec-path.js';
import type { FieldViolation, PathSegment } from '../kernel/field-spec-types.js';
import { typeWithArticle } from '../kernel/field-spec-words.js';
import { type ModernTreasuryEmulatorError, parameterInvalid, parameterMissing } from './mt-errors.js';

/** Modern Treasury's wording of one invalid field (`email is too long (maximum is 255 characters)`). */
function invalidMessage(violation: FieldViolation, parameter: string): string {
  const field = violation.field;
  if (violation.rule?.message !== undefined) return violation.rule.message;
  if (field?.message !== undefined) return field.message;
  switch (violation.kind) {
    case 'type':
      return `${parameter} must be ${typeWithArticle(violation.expected)}`;
    case 'too_long':
      return `${parameter} is too long (maximum is ${field?.type === 'string' ? field.maxLength : ''} characters)`;
    case 'enum':
      return `${parameter} must be ${field?.type === 'enum' ? field.values.join(', ') : violation.expected}`;
    default:
      return `${parameter} is invalid`;
  }
}

/**
 * Modern Treasury's 422 error for the first violation, or undefined when there is none: `parameter_missing`
 * (`name is missing`) or `parameter_invalid`, naming the parameter by dotted path under `prefix`.
 */
export function mtFieldError(
  violations: readonly FieldViolation[],
  prefix: readonly PathSegment[] = [],
): ModernTreasuryEmulatorError | undefined {
  const [first] = violations;
  if (first === undefined) return undefined;
  const parameter = dottedPath([...prefix, ...first.path]);
  if (first.kind === 'missing') return parameterMissing(parameter);
  return parameterInvalid(parameter, invalidMessage(first, parameter));
}

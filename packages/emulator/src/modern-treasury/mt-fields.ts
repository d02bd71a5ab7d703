import { type CheckedBody, checkBody } from '../kernel/field-spec-read.js';
import type {
  FieldSpecs,
  ObjectFieldSpec,
  PathSegment,
  StringFieldSpec,
} from '../kernel/field-spec-types.js';
import { mtFieldError } from './mt-field-errors.js';

/** A required string field: absent, null and `''` are `parameter_missing`. */
export function mtRequired(options: Omit<StringFieldSpec, 'type' | 'required'> = {}): StringFieldSpec {
  return { type: 'string', required: true, emptyIsAbsent: true, ...options };
}

/** An optional string field of at most `maxLength` characters (absent and null read as null). */
export function mtOptional(maxLength: number, options: Omit<StringFieldSpec, 'type'> = {}): StringFieldSpec {
  return { type: 'string', maxLength, ...options };
}

/** Metadata: an object of string keys and string values (Modern Treasury's rule). */
export const MT_METADATA: ObjectFieldSpec = {
  type: 'object',
  fields: {},
  values: { type: 'string', message: 'metadata values must be strings' },
};

/**
 * Checks a body against Modern Treasury field specs (other keys are accepted) and throws the first
 * violation as Modern Treasury's 422, its parameter named under `prefix` (e.g. `accounts[0]`).
 */
export function checkMtBody(
  body: Readonly<Record<string, unknown>>,
  fields: FieldSpecs,
  prefix: readonly PathSegment[] = [],
): CheckedBody {
  const checked = checkBody(body, { fields, unknown: 'allow' });
  const error = mtFieldError(checked.violations, prefix);
  if (error !== undefined) throw error;
  return checked;
}

/**
 * A declarative description of request fields, evaluated by one engine (`checkFields`) for every emulated
 * provider; each provider turns the violations into its own documented error envelope.
 */

/** What every field can say about itself, whatever its type. */
interface FieldBase {
  /** The field must be present (absent, and null on a non-nullable field, count as missing). */
  required?: boolean;
  /** `null` is a value of this field (otherwise `null` counts as absent). */
  nullable?: boolean;
  /** `null` is a wrong-type value of this field (instead of counting as absent). */
  rejectNull?: boolean;
  /** How the provider's messages name the field (default: the key). */
  label?: string;
  /** The provider's error code for this field's format violations (default: the formatter's). */
  code?: string;
  /** The provider's message for any violation of this field (default: the formatter's wording). */
  message?: string;
}

/** A further check of a string value, with the provider's code and message when it fails. */
export interface FieldRule {
  /** True when the value passes. */
  test(value: string): boolean;
  /** What the rule wants, in words. */
  expected: string;
  code?: string;
  message?: string;
}

/** A string field: length bounds, a pattern, and optional trimming where blank counts as absent. */
export interface StringFieldSpec extends FieldBase {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** Trim the value before checking it; a value that is blank after trimming counts as absent. */
  trim?: boolean;
  /** The empty string counts as absent (so a required field reports it as missing). */
  emptyIsAbsent?: boolean;
  /** Checks run after the pattern, in order; the first that fails is the field's violation. */
  rules?: readonly FieldRule[];
}

/** An integer field (a JSON number without a fraction) with optional bounds. */
export interface IntegerFieldSpec extends FieldBase {
  type: 'integer';
  minimum?: number;
  maximum?: number;
}

/** A boolean field. */
export interface BooleanFieldSpec extends FieldBase {
  type: 'boolean';
}

/** A string field restricted to a list of values. */
export interface EnumFieldSpec extends FieldBase {
  type: 'enum';
  values: readonly string[];
}

/** An array field whose items all follow one spec. */
export interface ArrayFieldSpec extends FieldBase {
  type: 'array';
  items: FieldSpec;
  minItems?: number;
}

/** A nested object with its own fields and unknown-field policy. */
export interface ObjectFieldSpec extends FieldBase {
  type: 'object';
  fields: FieldSpecs;
  /** What to do with keys not in `fields` (default `reject`). */
  unknown?: UnknownFieldPolicy;
  /** Every value of the object follows this spec (a map such as metadata); `fields` still apply by name. */
  values?: FieldSpec;
}

/** A field accepted without checks (one the emulator ignores). */
export interface AnyFieldSpec extends FieldBase {
  type: 'any';
}

/** One request field's spec. */
export type FieldSpec =
  | StringFieldSpec
  | IntegerFieldSpec
  | BooleanFieldSpec
  | EnumFieldSpec
  | ArrayFieldSpec
  | ObjectFieldSpec
  | AnyFieldSpec;

/** The fields of a body or nested object, by key. */
export type FieldSpecs = Readonly<Record<string, FieldSpec>>;

/** `reject` reports keys the spec does not name; `allow` accepts them unchecked. */
export type UnknownFieldPolicy = 'reject' | 'allow';

/** A spec for a whole request body (an object). */
export interface BodySpec {
  fields: FieldSpecs;
  /** What to do with top-level keys not in `fields`. */
  unknown: UnknownFieldPolicy;
}

/** The kinds of violation the engine reports. */
export type ViolationKind =
  | 'unknown'
  | 'missing'
  | 'type'
  | 'too_short'
  | 'too_long'
  | 'pattern'
  | 'enum'
  | 'range'
  | 'too_few_items'
  | 'rule';

/** One segment of a field path: an object key or an array index. */
export type PathSegment = string | number;

/** One thing wrong with a request body. */
export interface FieldViolation {
  /** Where: the keys and indexes from the body's root to the field. */
  path: readonly PathSegment[];
  kind: ViolationKind;
  /** What the spec wanted, in words (`string`, `at most 50 characters`, `one of a, b`, ...). */
  expected: string;
  /** What the body had: the JSON type of the value, or `absent`. */
  received: string;
  /** The spec of the field (undefined for unknown fields). */
  field: FieldSpec | undefined;
  /** The failed rule, for `rule` violations. */
  rule?: FieldRule;
}

/** The JSON type of a value as violations name it. */
export function jsonTypeOf(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value the checks see (and handlers should read): trimmed when the spec asks, undefined when absent. */
export function effectiveValue(value: unknown, field: FieldSpec): unknown {
  if (value === null && field.rejectNull !== true) {
    return field.nullable === true && field.type !== 'any' ? null : undefined;
  }
  if (field.type !== 'string' || typeof value !== 'string') return value;
  const text = field.trim === true ? value.trim() : value;
  if (text === '' && (field.trim === true || field.emptyIsAbsent === true)) return undefined;
  return text;
}

/** A violation builder bound to one field. */
function violation(
  path: readonly PathSegment[],
  kind: ViolationKind,
  expected: string,
  value: unknown,
  field: FieldSpec | undefined,
): FieldViolation {
  return { path, kind, expected, received: jsonTypeOf(value), field };
}

function checkString(
  value: unknown,
  field: StringFieldSpec,
  path: readonly PathSegment[],
): FieldViolation | undefined {
  if (typeof value !== 'string') return violation(path, 'type', 'string', value, field);
  if (field.minLength !== undefined && value.length < field.minLength) {
    return violation(path, 'too_short', `at least ${field.minLength} characters`, value, field);
  }
  if (field.maxLength !== undefined && value.length > field.maxLength) {
    return violation(path, 'too_long', `at most ${field.maxLength} characters`, value, field);
  }
  if (field.pattern !== undefined && !field.pattern.test(value)) {
    return violation(path, 'pattern', `a match for ${String(field.pattern)}`, value, field);
  }
  const rule = field.rules?.find((candidate) => !candidate.test(value));
  return rule === undefined ? undefined : { ...violation(path, 'rule', rule.expected, value, field), rule };
}

function checkInteger(
  value: unknown,
  field: IntegerFieldSpec,
  path: readonly PathSegment[],
): FieldViolation | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return violation(path, 'type', 'integer', value, field);
  }
  const low = field.minimum ?? Number.NEGATIVE_INFINITY;
  const high = field.maximum ?? Number.POSITIVE_INFINITY;
  if (value < low || value > high) {
    return violation(
      path,
      'range',
      `between ${field.minimum ?? '-inf'} and ${field.maximum ?? 'inf'}`,
      value,
      field,
    );
  }
  return undefined;
}

function checkValue(
  value: unknown,
  field: FieldSpec,
  path: readonly PathSegment[],
  out: FieldViolation[],
): void {
  switch (field.type) {
    case 'any':
      return;
    case 'string': {
      const found = checkString(value, field, path);
      if (found) out.push(found);
      return;
    }
    case 'integer': {
      const found = checkInteger(value, field, path);
      if (found) out.push(found);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') out.push(violation(path, 'type', 'boolean', value, field));
      return;
    case 'enum':
      if (typeof value !== 'string') out.push(violation(path, 'type', 'string', value, field));
      else if (!field.values.includes(value)) {
        out.push(violation(path, 'enum', `one of ${field.values.join(', ')}`, value, field));
      }
      return;
    case 'array':
      if (!Array.isArray(value)) {
        out.push(violation(path, 'type', 'array', value, field));
        return;
      }
      if (field.minItems !== undefined && value.length < field.minItems) {
        out.push(violation(path, 'too_few_items', `at least ${field.minItems} item(s)`, value, field));
      }
      value.forEach((item, index) => {
        checkField(item, { ...field.items, required: true }, [...path, index], out);
      });
      return;
    case 'object':
      if (!isObject(value)) {
        out.push(violation(path, 'type', 'object', value, field));
        return;
      }
      checkObject(value, field, path, out);
      return;
  }
}

function checkField(
  value: unknown,
  field: FieldSpec,
  path: readonly PathSegment[],
  out: FieldViolation[],
): void {
  const effective = effectiveValue(value, field);
  if (effective === undefined) {
    if (field.required === true) out.push(violation(path, 'missing', 'a value', value, field));
    return;
  }
  if (effective === null && field.rejectNull !== true) return;
  checkValue(effective, field, path, out);
}

function checkObject(
  value: Record<string, unknown>,
  spec: Pick<ObjectFieldSpec, 'fields' | 'unknown' | 'values'>,
  path: readonly PathSegment[],
  out: FieldViolation[],
): void {
  const entryRule = spec.values;
  for (const key of Object.keys(value)) {
    if (key in spec.fields) continue;
    if (entryRule !== undefined) checkField(value[key], entryRule, [...path, key], out);
    else if ((spec.unknown ?? 'reject') === 'reject') {
      out.push(violation([...path, key], 'unknown', 'no such field', value[key], undefined));
    }
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    checkField(value[key], field, [...path, key], out);
  }
}

/**
 * Checks `body` against `spec` and returns every violation, unknown keys of an object before its fields'
 * violations, fields in the order the spec declares them, at most one violation per field (type first,
 * then length, pattern, values or bounds) plus those inside its items or nested fields.
 */
export function checkFields(body: Readonly<Record<string, unknown>>, spec: BodySpec): FieldViolation[] {
  const out: FieldViolation[] = [];
  checkObject(body, spec, [], out);
  return out;
}

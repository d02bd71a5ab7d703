/**
 * The field-spec engine: evaluates a declarative description of request fields (`field-spec-types.ts`) for
 * every emulated provider; each provider turns the violations into its own documented error envelope.
 */
import type {
  BodySpec,
  FieldSpec,
  FieldViolation,
  IntegerFieldSpec,
  ObjectFieldSpec,
  PathSegment,
  StringFieldSpec,
  ViolationKind,
} from './field-spec-types.js';

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

/** Decimal digits as form-encoded bodies send integers (15 at most, so always a safe integer). */
const DECIMAL_TEXT = /^-?\d{1,15}$/;

/** A form-encoded list (`x[0]=a`, `x=a`, `x=`) as an array; other values unchanged. */
function formListItems(value: unknown): unknown {
  if (value === '') return [];
  if (typeof value === 'string') return [value];
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  if (!entries.every(([key]) => /^\d+$/.test(key))) return value;
  return entries.sort(([left], [right]) => Number(left) - Number(right)).map(([, item]) => item);
}

/** A scalar given as text (form-encoded bodies) as the integer or boolean it spells; other values unchanged. */
function fromText(value: string, field: FieldSpec): unknown {
  if (field.type === 'integer' && field.text === true && DECIMAL_TEXT.test(value)) {
    return Number.parseInt(value, 10);
  }
  if (field.type === 'boolean' && field.text === true && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}

/**
 * The value the checks see (and handlers should read): trimmed when the spec asks, text and form lists read as
 * what they spell, null when unset by `''` (`emptyUnsets`), undefined when absent.
 */
export function effectiveValue(value: unknown, field: FieldSpec): unknown {
  if (value === null && field.rejectNull !== true) {
    return field.nullable === true && field.type !== 'any' ? null : undefined;
  }
  if (value === '' && field.emptyUnsets === true) return null;
  if (field.type === 'array' && field.formList === true) value = formListItems(value);
  if (field.type === 'array' && field.emptyIsAbsent === true && Array.isArray(value) && value.length === 0) {
    return undefined;
  }
  if (typeof value !== 'string') return value;
  if (field.type !== 'string') return fromText(value, field);
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
  return { path, kind, expected, received: jsonTypeOf(value), field, value };
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
  if (value === '' && field.emptyUnsets === true) {
    if (field.required === true)
      out.push(violation(path, 'empty', 'a value that can be unset', value, field));
    return;
  }
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
  spec: Pick<ObjectFieldSpec, 'fields' | 'unknown' | 'values' | 'maxKeys' | 'maxKeyLength'>,
  path: readonly PathSegment[],
  out: FieldViolation[],
): void {
  const entryRule = spec.values;
  const owner = 'type' in spec ? (spec as ObjectFieldSpec) : undefined;
  const keys = Object.keys(value);
  for (const key of keys) {
    if (key in spec.fields) continue;
    if (spec.maxKeyLength !== undefined && key.length > spec.maxKeyLength) {
      const expected = `keys of at most ${spec.maxKeyLength} characters`;
      out.push(violation([...path, key], 'key_too_long', expected, value[key], owner));
    } else if (entryRule !== undefined) checkField(value[key], entryRule, [...path, key], out);
    else if ((spec.unknown ?? 'reject') === 'reject') {
      out.push(violation([...path, key], 'unknown', 'no such field', value[key], undefined));
    }
  }
  for (const [key, field] of Object.entries(spec.fields)) {
    checkField(value[key], field, [...path, key], out);
  }
  if (spec.maxKeys !== undefined && keys.length > spec.maxKeys) {
    out.push(violation(path, 'too_many_keys', `at most ${spec.maxKeys} keys`, value, owner));
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

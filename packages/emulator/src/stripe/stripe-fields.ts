import type {
  ArrayFieldSpec,
  BooleanFieldSpec,
  EnumFieldSpec,
  FieldSpecs,
  IntegerFieldSpec,
  ObjectFieldSpec,
  StringFieldSpec,
} from '../kernel/field-spec-types.js';

/** Stripe's default length limit of a string parameter. */
const STRING_MAX_LENGTH = 5000;

/** An optional string parameter: `''` unsets it (reads as null); at most `maxLength` characters. */
export function stripeString(
  maxLength = STRING_MAX_LENGTH,
  options: Omit<StringFieldSpec, 'type'> = {},
): StringFieldSpec {
  return { type: 'string', emptyUnsets: true, maxLength, ...options };
}

/** A required string parameter: absent is `parameter_missing`, `''` is `parameter_invalid_empty`. */
export function stripeRequiredString(
  options: Omit<StringFieldSpec, 'type' | 'required'> = {},
): StringFieldSpec {
  return { type: 'string', required: true, emptyUnsets: true, ...options };
}

/** An integer parameter sent as decimal digits (`parameter_invalid_integer` otherwise). */
export function stripeInteger(options: Omit<IntegerFieldSpec, 'type' | 'text'> = {}): IntegerFieldSpec {
  return { type: 'integer', text: true, ...options };
}

/** A boolean parameter sent as `true` or `false`. */
export const STRIPE_BOOLEAN: BooleanFieldSpec = { type: 'boolean', text: true };

/** A parameter restricted to a list of values. */
export function stripeEnum(
  values: readonly string[],
  options: Omit<EnumFieldSpec, 'type' | 'values'> = {},
): EnumFieldSpec {
  return { type: 'enum', values, ...options };
}

/** A nested hash parameter (`a[b]=x`) with its own parameters; a string in its place is `Invalid object`. */
export function stripeHash(
  fields: FieldSpecs,
  options: Omit<ObjectFieldSpec, 'type' | 'fields'> = {},
): ObjectFieldSpec {
  return { type: 'object', fields, ...options };
}

/** A list of strings in any of the shapes Stripe takes (`x[]=a`, `x[0]=a`, a single `x=a`; `x=` is empty). */
export const STRIPE_STRING_LIST: ArrayFieldSpec = {
  type: 'array',
  formList: true,
  items: { type: 'string' },
};

/**
 * The declarative language of request fields (types, presence, bounds, patterns, nested objects, unknown-field
 * policy) and the violations the engine in `field-spec.ts` reports against it.
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
  /**
   * The empty string means "unset" (the convention of form-encoded bodies): an optional field reads as null
   * and is not checked further, a required one reports an `empty` violation (it cannot be unset).
   */
  emptyUnsets?: boolean;
}

/** A further check of a string value, with the provider's code and message when it fails. */
export interface FieldRule {
  /** True when the value passes. */
  test(value: string): boolean;
  /** What the rule wants, in words. */
  expected: string;
  code?: string;
  message?: string;
  /** The provider's message for a failing value, for providers that quote the value (default: `message`). */
  explain?(value: string): string;
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
  /** The value may come as text (form-encoded bodies): an optional minus sign and 1 to 15 decimal digits. */
  text?: boolean;
  minimum?: number;
  maximum?: number;
}

/** A boolean field. */
export interface BooleanFieldSpec extends FieldBase {
  type: 'boolean';
  /** The value may come as the text `true` or `false` (form-encoded bodies). */
  text?: boolean;
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
  /** An empty array counts as absent (so a required field reports it as missing). */
  emptyIsAbsent?: boolean;
  /**
   * Also accept the shapes a form-encoded list decodes to: an object keyed only by indexes (`x[0]=a`, read in
   * index order), a single string (`x=a`, one item) and the empty string (no items).
   */
  formList?: boolean;
}

/** A nested object with its own fields and unknown-field policy. */
export interface ObjectFieldSpec extends FieldBase {
  type: 'object';
  fields: FieldSpecs;
  /** What to do with keys not in `fields` (default `reject`). */
  unknown?: UnknownFieldPolicy;
  /** Every value of the object follows this spec (a map such as metadata); `fields` still apply by name. */
  values?: FieldSpec;
  /** At most this many keys (a map such as metadata). */
  maxKeys?: number;
  /** Keys not in `fields` have at most this many characters (a map such as metadata). */
  maxKeyLength?: number;
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
  | 'rule'
  | 'empty'
  | 'too_many_keys'
  | 'key_too_long';

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
  /** The spec of the field (the map's spec for `too_many_keys` and `key_too_long`; undefined for unknown fields). */
  field: FieldSpec | undefined;
  /** The failed rule, for `rule` violations. */
  rule?: FieldRule;
  /** The offending value as the checks saw it, for providers whose messages quote it. */
  value?: unknown;
}

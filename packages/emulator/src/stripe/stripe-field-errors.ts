import { bracketPath } from '../kernel/field-spec-path.js';
import { type CheckedBody, checkBody } from '../kernel/field-spec-read.js';
import type { FieldSpecs, FieldViolation } from '../kernel/field-spec-types.js';
import type { FormHash } from './form-decode.js';
import {
  invalidParameter,
  parameterInvalidEmpty,
  parameterInvalidInteger,
  parameterMissing,
  parameterUnknown,
  type StripeApiError,
} from './stripe-errors.js';
import { checkExpand, EXPAND_FIELD } from './stripe-expand.js';

/** How Stripe's messages show a received value: the string itself, or `object` for a hash or list. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : 'object';
}

/** Stripe's answer to a value of the wrong shape (`Invalid string: name`, `Invalid object`, ...). */
function typeError(violation: FieldViolation, name: string): StripeApiError {
  const field = violation.field;
  if (field?.message !== undefined) return invalidParameter(name, field.message, field.code);
  if (field?.type === 'enum') {
    return invalidParameter(name, `Invalid ${name}: must be one of ${field.values.join(', ')} (got object)`);
  }
  switch (violation.expected) {
    case 'integer':
      return parameterInvalidInteger(name);
    case 'boolean':
      return invalidParameter(name, `Invalid boolean: ${shown(violation.value)}`);
    case 'object':
      return invalidParameter(name, 'Invalid object');
    case 'array':
      return invalidParameter(name, 'Invalid array');
    default:
      // A list item is named by its index already (`expand[0]`); a parameter is named in the message too.
      return typeof violation.path[violation.path.length - 1] === 'number'
        ? invalidParameter(name, 'Invalid string')
        : invalidParameter(name, `Invalid string: ${name}`);
  }
}

/** Stripe's wording of an integer outside its bounds (`This value must be greater than or equal to 1.`). */
function rangeMessage(minimum: number | undefined, maximum: number | undefined): string {
  const bounds = [
    minimum === undefined ? undefined : `greater than or equal to ${minimum}`,
    maximum === undefined ? undefined : `less than or equal to ${maximum}`,
  ].filter((bound) => bound !== undefined);
  return `This value must be ${bounds.join(' and ')}.`;
}

/**
 * One violation as Stripe's 400 `invalid_request_error`, the parameter named by its full bracket name
 * (`mandate_data[customer_acceptance][type]`): `parameter_unknown`, `parameter_missing`,
 * `parameter_invalid_empty`, `parameter_invalid_integer`, or a message such as `Invalid string: name`.
 */
export function stripeFieldError(violation: FieldViolation): StripeApiError {
  const name = bracketPath(violation.path);
  const field = violation.field;
  switch (violation.kind) {
    case 'unknown':
      return parameterUnknown(name);
    case 'missing':
      return parameterMissing(name);
    case 'empty':
      return parameterInvalidEmpty(name);
    case 'type':
      return typeError(violation, name);
    case 'enum':
      return invalidParameter(
        name,
        `Invalid ${name}: must be one of ${field?.type === 'enum' ? field.values.join(', ') : ''} (got ${shown(violation.value)})`,
      );
    case 'too_long':
      return invalidParameter(
        name,
        `Invalid string: ${name}; must be at most ${field?.type === 'string' ? field.maxLength : ''} characters`,
      );
    case 'too_short':
      return invalidParameter(
        name,
        `Invalid string: ${name}; must be at least ${field?.type === 'string' ? field.minLength : ''} characters`,
      );
    case 'range':
      return field?.type === 'integer'
        ? invalidParameter(name, rangeMessage(field.minimum, field.maximum), field.code)
        : invalidParameter(name, `Invalid ${name}`);
    case 'too_few_items':
      return invalidParameter(name, `${name} cannot be empty.`);
    case 'too_many_keys':
      return invalidParameter(
        name,
        `You can have up to ${field?.type === 'object' ? field.maxKeys : ''} metadata keys.`,
      );
    case 'key_too_long':
      return invalidParameter(
        name,
        `Metadata keys can have up to ${field?.type === 'object' ? field.maxKeyLength : ''} characters.`,
      );
    default: {
      const rule = violation.rule;
      const message =
        rule?.explain?.(shown(violation.value)) ?? rule?.message ?? field?.message ?? `Invalid ${name}`;
      return invalidParameter(name, message, rule?.code ?? field?.code);
    }
  }
}

/** The parameters of one Stripe endpoint: its fields and, when it takes `expand[]`, the object type it answers. */
export interface StripeParamsSpec {
  fields: FieldSpecs;
  /** The response's object type for `expand[]` (`customer`, `list:bank_account`, ...); without it no `expand`. */
  expand?: string;
}

/**
 * Checks a request's parameters against an endpoint's spec and throws Stripe's 400 for the first problem, in
 * Stripe's order: an unknown parameter, then a bad `expand[]`, then the first invalid field in declared order.
 * Returns typed reads of the parameters.
 */
export function checkStripeParams(params: FormHash, spec: StripeParamsSpec): CheckedBody {
  const fields = spec.expand === undefined ? spec.fields : { ...spec.fields, expand: EXPAND_FIELD };
  const checked = checkBody(params, { fields, unknown: 'reject' });
  const { violations } = checked;
  const unknown = violations.find((violation) => violation.kind === 'unknown');
  if (unknown !== undefined) throw stripeFieldError(unknown);
  if (spec.expand !== undefined) {
    const badExpand = violations.find((violation) => violation.path[0] === 'expand');
    if (badExpand !== undefined) throw stripeFieldError(badExpand);
    checkExpand(checked.stringList('expand') ?? [], spec.expand);
  }
  const [first] = violations;
  if (first !== undefined) throw stripeFieldError(first);
  return checked;
}

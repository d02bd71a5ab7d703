import { describe, expect, it } from 'vitest';
import { checkFields } from '../kernel/field-spec.js';
import type { BodySpec, FieldSpecs } from '../kernel/field-spec-types.js';
import type { FormHash } from './form-decode.js';
import { StripeApiError, stripeErrorBody } from './stripe-errors.js';
import { checkStripeParams, stripeFieldError } from './stripe-field-errors.js';
import {
  STRIPE_BOOLEAN,
  STRIPE_STRING_LIST,
  stripeEnum,
  stripeHash,
  stripeInteger,
  stripeRequiredString,
  stripeString,
} from './stripe-fields.js';
import { STRIPE_METADATA } from './stripe-metadata.js';

const FIELDS: FieldSpecs = {
  name: stripeString(5),
  id: stripeRequiredString(),
  amount: stripeInteger({ minimum: 1, code: 'parameter_invalid_integer' }),
  limit: stripeInteger({ minimum: 1, maximum: 100 }),
  confirm: STRIPE_BOOLEAN,
  usage: stripeEnum(['off_session', 'on_session']),
  types: { ...STRIPE_STRING_LIST, minItems: 1 },
  metadata: STRIPE_METADATA,
  email: stripeString(512, {
    rules: [
      {
        test: (value) => value.includes('@'),
        expected: 'an email address',
        code: 'email_invalid',
        explain: (value) => `Invalid email address: ${value}`,
      },
    ],
  }),
  mandate_data: stripeHash({
    customer_acceptance: stripeHash({ type: stripeEnum(['online', 'offline'], { required: true }) }),
  }),
};

const SPEC: BodySpec = { fields: FIELDS, unknown: 'reject' };

/** The Stripe error body for the first violation of `params` (with a valid `id` unless given). */
function answer(params: Record<string, unknown>): Record<string, unknown> | undefined {
  const [first] = checkFields({ id: 'x', ...params }, SPEC);
  if (first === undefined) return undefined;
  const error = stripeFieldError(first);
  expect(error.status).toBe(400);
  return stripeErrorBody(error.fields).error;
}

describe('stripeFieldError', () => {
  it('is not needed for valid form parameters', () => {
    expect(
      answer({
        name: '',
        amount: '5',
        limit: '100',
        confirm: 'true',
        usage: 'on_session',
        types: { 0: 'us_bank_account' },
        metadata: '',
        email: 'a@b.c',
        mandate_data: { customer_acceptance: { type: 'online' } },
      }),
    ).toBeUndefined();
  });

  it('answers parameter_unknown, parameter_missing and parameter_invalid_empty with the full bracket name', () => {
    expect(answer({ mandate_data: { customer_acceptance: { type: 'online', kind: 'x' } } })).toEqual({
      code: 'parameter_unknown',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
      message: 'Received unknown parameter: mandate_data[customer_acceptance][kind]',
      param: 'mandate_data[customer_acceptance][kind]',
      type: 'invalid_request_error',
    });
    expect(answer({ mandate_data: { customer_acceptance: {} } })).toMatchObject({
      code: 'parameter_missing',
      message: 'Missing required param: mandate_data[customer_acceptance][type].',
      param: 'mandate_data[customer_acceptance][type]',
    });
    expect(answer({ id: '' })).toMatchObject({
      code: 'parameter_invalid_empty',
      param: 'id',
      message:
        "You passed an empty string for 'id'. We assume empty values are an attempt to unset a parameter; however 'id' cannot be unset. You should remove 'id' from your request or supply a non-empty value.",
    });
  });

  it('answers a value of the wrong shape the way the handlers always have', () => {
    expect(answer({ name: { a: 'b' } })).toEqual({
      message: 'Invalid string: name',
      param: 'name',
      type: 'invalid_request_error',
    });
    expect(answer({ mandate_data: 'x' })).toMatchObject({ message: 'Invalid object', param: 'mandate_data' });
    expect(answer({ amount: '1.5' })).toMatchObject({
      code: 'parameter_invalid_integer',
      message: 'Invalid integer: amount',
      param: 'amount',
    });
    expect(answer({ limit: '' })).toMatchObject({ code: 'parameter_invalid_integer', param: 'limit' });
    expect(answer({ confirm: 'yes' })).toMatchObject({ message: 'Invalid boolean: yes', param: 'confirm' });
    expect(answer({ confirm: { a: 'b' } })).toMatchObject({ message: 'Invalid boolean: object' });
    expect(answer({ types: { a: 'x' } })).toMatchObject({ message: 'Invalid array', param: 'types' });
    expect(answer({ types: { 1: { x: 'y' }, 0: 'a' } })).toMatchObject({
      message: 'Invalid string',
      param: 'types[1]',
    });
    expect(answer({ metadata: { a: { b: 'c' } } })).toMatchObject({
      message: 'Invalid string: metadata[a]',
      param: 'metadata[a]',
    });
  });

  it('words enums, lengths, bounds, emptiness and rules', () => {
    expect(answer({ usage: 'later' })).toMatchObject({
      message: 'Invalid usage: must be one of off_session, on_session (got later)',
      param: 'usage',
    });
    expect(answer({ usage: { a: 'b' } })).toMatchObject({
      message: 'Invalid usage: must be one of off_session, on_session (got object)',
    });
    expect(answer({ name: 'toolong' })).toMatchObject({
      message: 'Invalid string: name; must be at most 5 characters',
    });
    expect(answer({ amount: '0' })).toMatchObject({
      code: 'parameter_invalid_integer',
      message: 'This value must be greater than or equal to 1.',
    });
    const limit = answer({ limit: '101' });
    expect(limit).toEqual({
      message: 'This value must be greater than or equal to 1 and less than or equal to 100.',
      param: 'limit',
      type: 'invalid_request_error',
    });
    expect(answer({ types: '' })).toMatchObject({ message: 'types cannot be empty.', param: 'types' });
    expect(answer({ email: 'nope' })).toMatchObject({
      code: 'email_invalid',
      message: 'Invalid email address: nope',
      param: 'email',
    });
  });

  it("enforces Stripe's metadata limits: 40-character keys, 500-character values, 50 keys", () => {
    const longKey = 'k'.repeat(41);
    expect(answer({ metadata: { [longKey]: 'v' } })).toMatchObject({
      message: 'Metadata keys can have up to 40 characters.',
      param: `metadata[${longKey}]`,
    });
    expect(answer({ metadata: { ['k'.repeat(40)]: 'v'.repeat(500) } })).toBeUndefined();
    expect(answer({ metadata: { k: 'v'.repeat(501) } })).toMatchObject({
      message: 'Metadata values can have up to 500 characters.',
      param: 'metadata[k]',
    });
    const keys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));
    expect(answer({ metadata: keys(50) })).toBeUndefined();
    expect(answer({ metadata: keys(51) })).toMatchObject({
      message: 'You can have up to 50 metadata keys.',
      param: 'metadata',
    });
  });
});

describe('checkStripeParams', () => {
  const thrown = (params: FormHash, expand?: string): StripeApiError => {
    try {
      checkStripeParams(params, { fields: { name: stripeString(5), id: stripeRequiredString() }, expand });
    } catch (error) {
      if (error instanceof StripeApiError) return error;
      throw error;
    }
    throw new Error('no error thrown');
  };

  it('returns typed reads of valid parameters, with the expand paths', () => {
    const checked = checkStripeParams(
      { id: 'x', name: '', expand: { 0: 'sources' } },
      { fields: { id: stripeRequiredString(), name: stripeString() }, expand: 'customer' },
    );
    expect(checked.string('id')).toBe('x');
    expect(checked.nullableString('name')).toBeNull();
    expect(checked.stringList('expand')).toEqual(['sources']);
  });

  it('reports an unknown parameter first, then a bad expand, then the first invalid field', () => {
    expect(thrown({ name: 'toolong', extra: 'x', expand: ['nope'] }, 'customer').fields).toMatchObject({
      code: 'parameter_unknown',
      param: 'extra',
    });
    expect(thrown({ name: 'toolong', expand: ['nope'] }, 'customer').fields).toMatchObject({
      param: 'expand',
      message: 'This property cannot be expanded (nope).',
    });
    expect(thrown({ name: 'toolong', expand: { 0: { a: 'b' } } }, 'customer').fields).toMatchObject({
      param: 'expand[0]',
      message: 'Invalid string',
    });
    expect(thrown({ name: 'toolong', id: '' }).fields).toMatchObject({ param: 'name' });
    expect(thrown({ id: 'x', expand: ['sources'] }).fields).toMatchObject({
      code: 'parameter_unknown',
      param: 'expand',
    });
  });
});

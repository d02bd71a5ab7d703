import { describe, expect, it } from 'vitest';
import { checkFields } from '../kernel/field-spec.js';
import type { BodySpec } from '../kernel/field-spec-types.js';
import { mtFieldError } from './mt-field-errors.js';
import { MT_METADATA, mtOptional, mtRequired } from './mt-fields.js';

const SPEC: BodySpec = {
  unknown: 'allow',
  fields: {
    name: mtRequired(),
    email: mtOptional(5),
    amount: { type: 'integer', minimum: 1, message: 'amount must be a positive integer' },
    kind: { type: 'enum', values: ['ach', 'wire'] },
    currency: mtOptional(3, {
      rules: [{ test: (value) => value === 'USD', expected: 'USD', message: 'must be USD' }],
    }),
    metadata: MT_METADATA,
  },
};

function answer(body: Record<string, unknown>, prefix: Array<string | number> = []): unknown {
  return mtFieldError(checkFields(body, SPEC), prefix)?.toResponse();
}

describe('mtFieldError', () => {
  it('is undefined for a valid body', () => {
    expect(answer({ name: 'n', email: '', metadata: { a: 'b' } })).toBeUndefined();
  });

  it("answers the first missing field with Modern Treasury's 422 parameter_missing", () => {
    expect(answer({ name: '' })).toEqual({
      status: 422,
      body: { errors: { code: 'parameter_missing', message: 'name is missing', parameter: 'name' } },
    });
    expect(answer({ name: null, email: 'toolong' })).toMatchObject({
      body: { errors: { code: 'parameter_missing', parameter: 'name' } },
    });
  });

  it('answers the first invalid field with parameter_invalid in its words, under a prefix', () => {
    const error = (body: Record<string, unknown>, prefix?: Array<string | number>): unknown =>
      (answer({ name: 'n', ...body }, prefix) as { body: { errors: unknown } }).body.errors;
    expect(error({ name: 7 })).toEqual({
      code: 'parameter_invalid',
      message: 'name must be a string',
      parameter: 'name',
    });
    expect(error({ email: 'toolong' })).toEqual({
      code: 'parameter_invalid',
      message: 'email is too long (maximum is 5 characters)',
      parameter: 'email',
    });
    expect(error({ amount: 0 })).toMatchObject({
      message: 'amount must be a positive integer',
      parameter: 'amount',
    });
    expect(error({ kind: 'x' })).toMatchObject({ message: 'kind must be ach, wire' });
    expect(error({ currency: 'EUR' })).toMatchObject({ message: 'must be USD', parameter: 'currency' });
    expect(error({ metadata: [] })).toMatchObject({ message: 'metadata must be an object' });
    expect(error({ metadata: { k: 1 } })).toEqual({
      code: 'parameter_invalid',
      message: 'metadata values must be strings',
      parameter: 'metadata.k',
    });
    expect(error({ email: 'toolong' }, ['accounts', 0])).toMatchObject({ parameter: 'accounts[0].email' });
  });
});

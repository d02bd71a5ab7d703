import { describe, expect, it } from 'vitest';
import { PlaidApiError } from './plaid-errors.js';
import { type PlaidFields, validatePlaidBody } from './plaid-schema.js';

const FIELDS: PlaidFields = {
  name: { kind: 'string', required: true, minLength: 1 },
  kind: { kind: 'string', values: ['a', 'b'] },
  count: { kind: 'integer', minimum: 1, maximum: 5 },
  flag: { kind: 'boolean', nullable: true },
  tags: { kind: 'array', minItems: 1, items: { kind: 'string' } },
  nested: { kind: 'object', fields: { inner: { kind: 'string', required: true } } },
  free: { kind: 'object', fields: {}, open: true },
  ignored: { kind: 'any' },
};

function failure(body: Record<string, unknown>): { code: string; message: string } {
  try {
    validatePlaidBody(body, FIELDS);
  } catch (error) {
    if (error instanceof PlaidApiError)
      return { code: error.fields.error_code, message: error.fields.error_message };
    throw error;
  }
  throw new Error('expected a PlaidApiError');
}

describe('validatePlaidBody', () => {
  it('accepts valid bodies, nulls on nullable fields and anything in open objects', () => {
    expect(() =>
      validatePlaidBody(
        {
          name: 'x',
          kind: 'a',
          count: 5,
          flag: null,
          tags: ['t'],
          nested: { inner: 'i' },
          free: { anything: [1] },
          ignored: 3,
        },
        FIELDS,
      ),
    ).not.toThrow();
  });

  it('reports unknown fields first, then missing ones, then the first invalid one', () => {
    expect(failure({ extra: 1, nested: { inner: 'i', more: 2 } })).toEqual({
      code: 'UNKNOWN_FIELDS',
      message: 'the following fields are not recognized by this endpoint: extra, nested.more',
    });
    expect(failure({ nested: {}, count: 9 })).toEqual({
      code: 'MISSING_FIELDS',
      message: 'the following required fields are missing: name, nested.inner',
    });
    expect(failure({ name: null })).toMatchObject({ code: 'MISSING_FIELDS' });
    expect(failure({ name: '' }).message).toBe('name must be a non-empty string');
    expect(failure({ name: 'x', kind: 'c' }).message).toBe('kind must be one of the following values: a, b');
    expect(failure({ name: 'x', count: 6 }).message).toBe('count must be between 1 and 5');
    expect(failure({ name: 'x', count: '1' }).message).toBe('count must be an integer');
    expect(failure({ name: 'x', flag: 'yes' }).message).toBe('flag must be a boolean');
    expect(failure({ name: 'x', tags: [] }).message).toBe('tags must contain at least 1 item(s)');
    expect(failure({ name: 'x', tags: [1] }).message).toBe('tags[0] must be a string');
    expect(failure({ name: 'x', nested: [] }).message).toBe('nested must be an object');
  });
});

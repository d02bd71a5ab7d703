import { describe, expect, it } from 'vitest';
import { checkFields } from '../kernel/field-spec.js';
import type { BodySpec } from '../kernel/field-spec-types.js';
import { plaidFieldError } from './plaid-field-errors.js';

const SPEC: BodySpec = {
  unknown: 'reject',
  fields: {
    name: { type: 'string', required: true, minLength: 1 },
    kind: { type: 'enum', values: ['a', 'b'] },
    count: { type: 'integer', minimum: 1, maximum: 5 },
    offset: { type: 'integer', minimum: 0 },
    flag: { type: 'boolean', nullable: true },
    tags: { type: 'array', minItems: 1, items: { type: 'string' } },
    nested: { type: 'object', fields: { inner: { type: 'string', required: true } } },
  },
};

function failure(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const error = plaidFieldError(checkFields(body, SPEC));
  return error === undefined ? undefined : { status: error.status, ...error.fields };
}

describe('plaidFieldError', () => {
  it('is undefined for a valid body', () => {
    expect(failure({ name: 'x', flag: null, tags: ['t'], nested: { inner: 'i' } })).toBeUndefined();
  });

  it("names every unknown field first, as Plaid's UNKNOWN_FIELDS INVALID_REQUEST", () => {
    expect(failure({ extra: 1, nested: { inner: 'i', more: 2 } })).toEqual({
      status: 400,
      error_type: 'INVALID_REQUEST',
      error_code: 'UNKNOWN_FIELDS',
      error_message: 'the following fields are not recognized by this endpoint: extra, nested.more',
      display_message: null,
    });
  });

  it('then names every missing field, as MISSING_FIELDS', () => {
    expect(failure({ nested: {}, count: 9 })).toMatchObject({
      status: 400,
      error_type: 'INVALID_REQUEST',
      error_code: 'MISSING_FIELDS',
      error_message: 'the following required fields are missing: name, nested.inner',
    });
    expect(failure({ name: null })).toMatchObject({ error_code: 'MISSING_FIELDS' });
  });

  it('then describes the first invalid field, as INVALID_FIELD', () => {
    const message = (body: Record<string, unknown>): unknown => failure(body)?.['error_message'];
    expect(failure({ name: '' })).toMatchObject({
      status: 400,
      error_type: 'INVALID_REQUEST',
      error_code: 'INVALID_FIELD',
    });
    expect(message({ name: '' })).toBe('name must be a non-empty string');
    expect(message({ name: 'x', kind: 'c' })).toBe('kind must be one of the following values: a, b');
    expect(message({ name: 'x', kind: 3 })).toBe('kind must be a string');
    expect(message({ name: 'x', count: 6 })).toBe('count must be between 1 and 5');
    expect(message({ name: 'x', offset: -1 })).toBe('offset must be between 0 and inf');
    expect(message({ name: 'x', count: '1' })).toBe('count must be an integer');
    expect(message({ name: 'x', flag: 'yes' })).toBe('flag must be a boolean');
    expect(message({ name: 'x', tags: [] })).toBe('tags must contain at least 1 item(s)');
    expect(message({ name: 'x', tags: [1] })).toBe('tags[0] must be a string');
    expect(message({ name: 'x', tags: {} })).toBe('tags must be an array');
    expect(message({ name: 'x', nested: [] })).toBe('nested must be an object');
  });
});

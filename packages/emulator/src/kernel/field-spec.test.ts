import { describe, expect, it } from 'vitest';
import { checkFields, effectiveValue, jsonTypeOf } from './field-spec.js';
import type { BodySpec, FieldViolation } from './field-spec-types.js';

const SPEC: BodySpec = {
  unknown: 'reject',
  fields: {
    name: { type: 'string', required: true, minLength: 1, maxLength: 5 },
    code: { type: 'string', pattern: /^[a-z]+$/ },
    kind: { type: 'enum', values: ['a', 'b'] },
    count: { type: 'integer', minimum: 1, maximum: 5 },
    flag: { type: 'boolean', nullable: true },
    tags: { type: 'array', minItems: 1, items: { type: 'string' } },
    nested: { type: 'object', fields: { inner: { type: 'string', required: true } } },
    free: { type: 'object', fields: {}, unknown: 'allow' },
    labels: { type: 'object', fields: {}, values: { type: 'string', maxLength: 3 } },
    ignored: { type: 'any' },
  },
};

/** The violations as `kind path` strings, for compact assertions. */
function summary(violations: readonly FieldViolation[]): string[] {
  return violations.map((violation) => `${violation.kind} ${violation.path.join('/')}`);
}

describe('checkFields', () => {
  it('accepts a valid body, null on a nullable field and anything in an open object', () => {
    const body = {
      name: 'x',
      code: 'abc',
      kind: 'a',
      count: 5,
      flag: null,
      tags: ['t'],
      nested: { inner: 'i' },
      free: { anything: [1] },
      labels: { k: 'v' },
      ignored: 3,
    };
    expect(checkFields(body, SPEC)).toEqual([]);
  });

  it('reports unknown keys of an object before its fields, then fields in declaration order', () => {
    const violations = checkFields({ extra: 1, nested: { more: 2 }, count: 0 }, SPEC);
    expect(summary(violations)).toEqual([
      'unknown extra',
      'missing name',
      'range count',
      'unknown nested/more',
      'missing nested/inner',
    ]);
    expect(violations[0]).toEqual({
      path: ['extra'],
      kind: 'unknown',
      expected: 'no such field',
      received: 'integer',
      field: undefined,
    });
    expect(violations[2]).toMatchObject({ expected: 'between 1 and 5', received: 'integer' });
  });

  it('gives one violation per field, checking the type first, then length, pattern, values and bounds', () => {
    const violations = checkFields(
      { name: 7, code: 'ABC', kind: 'c', count: 1.5, flag: 'yes', tags: [], labels: { k: 'long', ok: 'v' } },
      SPEC,
    );
    expect(summary(violations)).toEqual([
      'type name',
      'pattern code',
      'enum kind',
      'type count',
      'type flag',
      'too_few_items tags',
      'too_long labels/k',
    ]);
    expect(violations[0]).toMatchObject({ expected: 'string', received: 'integer' });
    expect(violations[2]).toMatchObject({ expected: 'one of a, b', received: 'string' });
    expect(violations[3]).toMatchObject({ expected: 'integer', received: 'number' });
    expect(summary(checkFields({ name: '' }, SPEC))).toEqual(['too_short name']);
    expect(summary(checkFields({ name: 'toolong' }, SPEC))).toEqual(['too_long name']);
  });

  it('checks array items as required values of the item spec, with their index in the path', () => {
    expect(summary(checkFields({ name: 'x', tags: ['ok', 1, null] }, SPEC))).toEqual([
      'type tags/1',
      'missing tags/2',
    ]);
    expect(summary(checkFields({ name: 'x', tags: 'no', nested: [] }, SPEC))).toEqual([
      'type tags',
      'type nested',
    ]);
  });

  it('treats null on a non-nullable field as absent (missing only when required)', () => {
    expect(summary(checkFields({ name: null, count: null }, SPEC))).toEqual(['missing name']);
  });

  it('trims strings when asked and counts blank or empty values as absent', () => {
    const spec: BodySpec = {
      unknown: 'allow',
      fields: {
        first: { type: 'string', required: true, trim: true, maxLength: 3 },
        second: { type: 'string', required: true, emptyIsAbsent: true },
      },
    };
    expect(summary(checkFields({ first: '  ', second: '', other: 1 }, spec))).toEqual([
      'missing first',
      'missing second',
    ]);
    expect(checkFields({ first: ' abc ', second: ' ' }, spec)).toEqual([]);
    expect(effectiveValue(' abc ', { type: 'string', trim: true })).toBe('abc');
    const list: BodySpec = {
      unknown: 'reject',
      fields: { list: { type: 'array', required: true, emptyIsAbsent: true, items: { type: 'string' } } },
    };
    expect(summary(checkFields({ list: [] }, list))).toEqual(['missing list']);
    expect(checkFields({ list: ['a'] }, list)).toEqual([]);
    expect(effectiveValue('   ', { type: 'string', trim: true })).toBeUndefined();
    expect(effectiveValue(null, { type: 'string', nullable: true })).toBeNull();
    expect(effectiveValue(null, { type: 'string' })).toBeUndefined();
  });

  it('reports null as a wrong type on fields that reject it, and runs rules after the pattern', () => {
    const spec: BodySpec = {
      unknown: 'allow',
      fields: {
        paused: { type: 'boolean', required: true, rejectNull: true },
        state: {
          type: 'string',
          pattern: /^[A-Z]{2}$/,
          rules: [{ test: (value) => value !== 'XX', expected: 'a real state', code: 'Invalid' }],
        },
      },
    };
    const [paused, state] = checkFields({ paused: null, state: 'XX' }, spec);
    expect(paused).toMatchObject({ path: ['paused'], kind: 'type', expected: 'boolean', received: 'null' });
    expect(state).toMatchObject({
      path: ['state'],
      kind: 'rule',
      expected: 'a real state',
      rule: { code: 'Invalid' },
    });
    expect(summary(checkFields({ paused: true, state: 'ny' }, spec))).toEqual(['pattern state']);
  });

  it('names JSON types the way violations report them', () => {
    expect([undefined, null, [], 1, 1.5, 'x', true, {}].map(jsonTypeOf)).toEqual([
      'absent',
      'null',
      'array',
      'integer',
      'number',
      'string',
      'boolean',
      'object',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkFields, effectiveValue, jsonTypeOf } from './field-spec.js';
import type { BodySpec, FieldSpec, FieldViolation, ObjectFieldSpec } from './field-spec-types.js';

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
      value: 1,
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

  it('reads the empty string as "unset" under emptyUnsets: null when optional, an empty violation when required', () => {
    const spec: BodySpec = {
      unknown: 'reject',
      fields: {
        note: { type: 'string', emptyUnsets: true, minLength: 2 },
        id: { type: 'string', required: true, emptyUnsets: true },
        map: { type: 'object', fields: {}, values: { type: 'string' }, emptyUnsets: true },
        hash: { type: 'object', fields: {} },
      },
    };
    expect(checkFields({ note: '', id: 'x', map: '' }, spec)).toEqual([]);
    expect(effectiveValue('', { type: 'string', emptyUnsets: true })).toBeNull();
    const [empty, hash] = checkFields({ id: '', hash: '' }, spec);
    expect(empty).toMatchObject({ path: ['id'], kind: 'empty', received: 'string', value: '' });
    expect(hash).toMatchObject({ path: ['hash'], kind: 'type', expected: 'object', received: 'string' });
  });

  it('reads integers and booleans given as text when the spec says so', () => {
    const spec: BodySpec = {
      unknown: 'reject',
      fields: {
        amount: { type: 'integer', text: true, minimum: 1 },
        confirm: { type: 'boolean', text: true },
        strict: { type: 'integer' },
      },
    };
    expect(checkFields({ amount: '12', confirm: 'false' }, spec)).toEqual([]);
    expect(effectiveValue('-7', { type: 'integer', text: true })).toBe(-7);
    expect(effectiveValue('true', { type: 'boolean', text: true })).toBe(true);
    expect(summary(checkFields({ amount: '0' }, spec))).toEqual(['range amount']);
    for (const amount of ['1.5', '1e3', '', 'ten', '1234567890123456']) {
      expect(checkFields({ amount }, spec), amount).toMatchObject([
        { kind: 'type', expected: 'integer', received: 'string', value: amount },
      ]);
    }
    expect(summary(checkFields({ confirm: 'yes', strict: '3' }, spec))).toEqual([
      'type confirm',
      'type strict',
    ]);
  });

  it('reads the shapes of a form-encoded list as an array under formList', () => {
    const tags: BodySpec = {
      unknown: 'reject',
      fields: { tags: { type: 'array', formList: true, items: { type: 'string' } } },
    };
    const field = tags.fields['tags'] as FieldSpec;
    expect(effectiveValue({ 1: 'b', 0: 'a', 10: 'c' }, field)).toEqual(['a', 'b', 'c']);
    expect(effectiveValue('a', field)).toEqual(['a']);
    expect(effectiveValue('', field)).toEqual([]);
    expect(effectiveValue(['a'], field)).toEqual(['a']);
    expect(checkFields({ tags: { 0: 'a', 1: 'b' } }, tags)).toEqual([]);
    expect(summary(checkFields({ tags: { 1: { x: 'y' }, 0: 'a' } }, tags))).toEqual(['type tags/1']);
    expect(checkFields({ tags: { x: 'a' } }, tags)).toMatchObject([{ kind: 'type', expected: 'array' }]);
    expect(effectiveValue({ 0: 'a' }, { type: 'array', items: { type: 'string' } })).toEqual({ 0: 'a' });
  });

  it('bounds the number of keys and the length of free keys of a map', () => {
    const map: ObjectFieldSpec = {
      type: 'object',
      fields: { fixed: { type: 'string' } },
      values: { type: 'string' },
      maxKeys: 2,
      maxKeyLength: 3,
    };
    const spec: BodySpec = { unknown: 'reject', fields: { map } };
    expect(checkFields({ map: { fixed: 'long key allowed', abc: 'v' } }, spec)).toEqual([]);
    const [key, count] = checkFields({ map: { abcd: 'v', b: 'v', c: 'v' } }, spec);
    expect(key).toMatchObject({ path: ['map', 'abcd'], kind: 'key_too_long', field: map });
    expect(count).toMatchObject({
      path: ['map'],
      kind: 'too_many_keys',
      expected: 'at most 2 keys',
      field: map,
    });
  });

  it('keeps the offending value on violations, for messages that quote it', () => {
    const spec: BodySpec = {
      unknown: 'reject',
      fields: {
        ip: {
          type: 'string',
          rules: [
            {
              test: (value) => value.includes('.'),
              expected: 'an address',
              explain: (value) => `bad ${value}`,
            },
          ],
        },
      },
    };
    const [violation] = checkFields({ ip: 'nope' }, spec);
    expect(violation).toMatchObject({ kind: 'rule', value: 'nope' });
    expect(violation?.rule?.explain?.('nope')).toBe('bad nope');
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

import { describe, expect, it } from 'vitest';
import { checkBody } from './field-spec-read.js';

describe('checkBody', () => {
  const spec = {
    unknown: 'reject' as const,
    fields: {
      name: { type: 'string' as const, required: true, trim: true },
      code: { type: 'string' as const, pattern: /^\d+$/ },
      count: { type: 'integer' as const },
    },
  };

  it('reads valid string fields as checked (trimmed) and invalid or absent ones as undefined', () => {
    const checked = checkBody({ name: '  Ann ', code: 'x1', count: 3 }, spec);
    expect(checked.violations.map((violation) => violation.path)).toEqual([['code']]);
    expect(checked.string('name')).toBe('Ann');
    expect(checked.string('code')).toBeUndefined();
    expect(checked.string('count')).toBeUndefined();
    expect(checked.string('other')).toBeUndefined();
    expect(checked.integer('count')).toBe(3);
    expect(checked.integer('name')).toBeUndefined();
    expect(checkBody({ name: 'a', count: 1.5 }, spec).integer('count')).toBeUndefined();
  });

  it('reports the violations of the whole body', () => {
    const checked = checkBody({ extra: true }, spec);
    expect(checked.violations.map((violation) => `${violation.kind} ${violation.path.join('.')}`)).toEqual([
      'unknown extra',
      'missing name',
    ]);
    expect(checked.string('name')).toBeUndefined();
  });

  it('reads a valid map of strings as a fresh object', () => {
    const mapSpec = {
      unknown: 'allow' as const,
      fields: { metadata: { type: 'object' as const, fields: {}, values: { type: 'string' as const } } },
    };
    const body = { metadata: { a: '1', b: '2' } };
    const read = checkBody(body, mapSpec).stringMap('metadata');
    expect(read).toEqual({ a: '1', b: '2' });
    expect(read).not.toBe(body.metadata);
    expect(checkBody({ metadata: { a: 1 } }, mapSpec).stringMap('metadata')).toBeUndefined();
    expect(checkBody({}, mapSpec).stringMap('metadata')).toBeUndefined();
  });

  it('reads unset, text-encoded, list and nested fields of a form-encoded body', () => {
    const formSpec = {
      unknown: 'reject' as const,
      fields: {
        note: { type: 'string' as const, emptyUnsets: true },
        count: { type: 'integer' as const, text: true },
        confirm: { type: 'boolean' as const, text: true },
        tags: { type: 'array' as const, formList: true, items: { type: 'string' as const } },
        metadata: {
          type: 'object' as const,
          fields: {},
          values: { type: 'string' as const },
          emptyUnsets: true,
        },
        nested: {
          type: 'object' as const,
          fields: { inner: { type: 'string' as const }, bad: { type: 'integer' as const, text: true } },
        },
      },
    };
    const checked = checkBody(
      {
        note: '',
        count: '42',
        confirm: 'true',
        tags: { 1: 'b', 0: 'a' },
        metadata: '',
        nested: { inner: 'i' },
      },
      formSpec,
    );
    expect(checked.violations).toEqual([]);
    expect(checked.nullableString('note')).toBeNull();
    expect(checked.string('note')).toBeUndefined();
    expect(checked.cleared('note')).toBe(true);
    expect(checked.cleared('metadata')).toBe(true);
    expect(checked.stringMap('metadata')).toBeUndefined();
    expect(checked.cleared('count')).toBe(false);
    expect(checked.integer('count')).toBe(42);
    expect(checked.boolean('confirm')).toBe(true);
    expect(checked.stringList('tags')).toEqual(['a', 'b']);
    expect(checked.object('nested')?.string('inner')).toBe('i');
    expect(checked.object('note')).toBeUndefined();
    const invalid = checkBody({ nested: { inner: 'i', bad: 'x' }, tags: [1], note: 'n' }, formSpec);
    expect(invalid.object('nested')).toBeUndefined();
    expect(invalid.stringList('tags')).toBeUndefined();
    expect(invalid.nullableString('note')).toBe('n');
    expect(invalid.cleared('note')).toBe(false);
    expect(invalid.nullableString('absent')).toBeUndefined();
  });
});

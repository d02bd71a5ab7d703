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
});

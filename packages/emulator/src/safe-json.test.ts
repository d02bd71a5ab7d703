import { describe, expect, it } from 'vitest';
import { isValidPercentEncoding, MAX_JSON_DEPTH, parseJsonSafely } from './safe-json.js';

describe('parseJsonSafely', () => {
  it('parses into null-prototype objects where __proto__ and constructor are ordinary keys', () => {
    const result = parseJsonSafely(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":2}},"a":[{"b":1}]}',
    );
    expect(result.ok).toBe(true);
    const value = (result as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'a']);
    expect(Object.getPrototypeOf((value.a as object[])[0])).toBeNull();
    const protoKey = Object.getOwnPropertyDescriptor(value, '__proto__')?.value as object;
    expect(Object.getPrototypeOf(protoKey)).toBeNull();
    expect(protoKey).toEqual({ polluted: 1 });
    const constructorKey = value['constructor'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(constructorKey.prototype)).toBeNull();
    expect(constructorKey.prototype).toEqual({ x: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('turns objects inside nested arrays into null-prototype objects too, keeping every value', () => {
    const result = parseJsonSafely('[[{"a":{"b":[1,"x",null,true]}}],{"c":[]}]');
    expect(result.ok).toBe(true);
    const value = (result as { value: unknown[] }).value;
    const inner = (value[0] as object[])[0] as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(inner)).toBeNull();
    expect(Object.getPrototypeOf(inner.a)).toBeNull();
    expect(Array.isArray(value)).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Array.prototype);
    expect(JSON.stringify(value)).toBe('[[{"a":{"b":[1,"x",null,true]}}],{"c":[]}]');
  });

  it('refuses bodies nested deeper than the limit before parsing, and bad JSON', () => {
    expect(parseJsonSafely(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).ok).toBe(true);
    expect(parseJsonSafely(`${'['.repeat(3000)}${']'.repeat(3000)}`)).toEqual({
      ok: false,
      reason: 'too_deep',
    });
    expect(
      parseJsonSafely('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}').ok,
    ).toBe(true);
    expect(parseJsonSafely('{"a":')).toEqual({ ok: false, reason: 'syntax' });
  });
});

describe('isValidPercentEncoding', () => {
  it('accepts valid encodings and refuses lone % and invalid UTF-8', () => {
    expect(isValidPercentEncoding('/v1/customers/cus_1?email=a%40b.c&x=1+2')).toBe(true);
    expect(isValidPercentEncoding('%')).toBe(false);
    expect(isValidPercentEncoding('a%zz')).toBe(false);
    expect(isValidPercentEncoding('%E0%A4%A')).toBe(false);
    expect(isValidPercentEncoding('%C3%28')).toBe(false);
  });
});

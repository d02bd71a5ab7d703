import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import { bodyMatchesSha256, isSha256Hex, rawBodyBytes, rawBodySha256Hex, rawBodyText } from './raw-body.js';

describe('raw body helpers', () => {
  it('hashes strings as UTF-8 and bytes as given, in lowercase hex', () => {
    const text = '{"name":"Zoë"}';
    const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    expect(rawBodySha256Hex(text)).toBe(expected);
    expect(rawBodySha256Hex(Buffer.from(text, 'utf8'))).toBe(expected);
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    expect(rawBodySha256Hex(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).toBe(
      expected,
    );
    expect(rawBodySha256Hex(text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('converts between text and bytes', () => {
    expect(rawBodyText(Buffer.from('héllo', 'utf8'))).toBe('héllo');
    expect(Buffer.from(rawBodyBytes('héllo')).toString('utf8')).toBe('héllo');
  });

  it('matches the right digest (any hex case) and nothing else', () => {
    const digest = rawBodySha256Hex('body');
    expect(bodyMatchesSha256('body', digest)).toBe(true);
    expect(bodyMatchesSha256('body', digest.toUpperCase())).toBe(true);
    expect(bodyMatchesSha256('body ', digest)).toBe(false);
    expect(bodyMatchesSha256('body', digest.slice(0, 62))).toBe(false);
    expect(bodyMatchesSha256('body', `${digest.slice(0, 63)}g`)).toBe(false);
    expect(isSha256Hex('abc')).toBe(false);
  });

  it('any change to the body breaks the match (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, suffix) => {
        expect(bodyMatchesSha256(body, rawBodySha256Hex(body))).toBe(true);
        expect(bodyMatchesSha256(body + suffix, rawBodySha256Hex(body))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a body that is not raw text or bytes with a typed error naming the field', () => {
    for (const read of [rawBodyText, rawBodyBytes]) {
      expect(() => read({ parsed: 'json' } as never)).toThrow(
        expect.objectContaining({ code: 'INPUT_VALIDATION_ERROR', field: 'body' }),
      );
      expect(() => read(42 as never)).toThrow(InputValidationError);
    }
  });
});

import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from './errors.js';
import { hmacSha256Hex, sha256Hex, timingSafeEqualText } from './hashing.js';

describe('hashing helpers', () => {
  it('hash text and bytes like node:crypto', () => {
    expect(sha256Hex('achbridge')).toBe(createHash('sha256').update('achbridge').digest('hex'));
    expect(sha256Hex(new Uint8Array([1, 2, 3]))).toBe(
      createHash('sha256')
        .update(new Uint8Array([1, 2, 3]))
        .digest('hex'),
    );
    expect(hmacSha256Hex('secret', 'body')).toBe(createHmac('sha256', 'secret').update('body').digest('hex'));
  });

  it('compare text in constant time', () => {
    expect(timingSafeEqualText('abc', 'abc')).toBe(true);
    expect(timingSafeEqualText('abc', 'abd')).toBe(false);
    expect(timingSafeEqualText('abc', 'ab')).toBe(false);
  });

  it('refuse other input with an InputValidationError naming the field', () => {
    expect(() => sha256Hex(42 as unknown as string)).toThrow(InputValidationError);
    expect(() => hmacSha256Hex(undefined as unknown as string, 'x')).toThrow(/key/);
    expect(() => timingSafeEqualText('a', null as unknown as string)).toThrow(/right/);
  });
});

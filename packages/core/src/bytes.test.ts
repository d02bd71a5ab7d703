import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  decodeBase64Url,
  encodeBase64,
  encodeBase64Url,
  hexToBytes,
  timingSafeEqualBytes,
  utf8Bytes,
  utf8Text,
} from './bytes.js';

describe('byte helpers (no Buffer, same on every runtime)', () => {
  it('encode like Node Buffer does: base64, base64url, hex and UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(encodeBase64(bytes)).toBe(buffer.toString('base64'));
        expect(encodeBase64Url(bytes)).toBe(buffer.toString('base64url'));
        expect(bytesToHex(bytes)).toBe(buffer.toString('hex'));
        expect([...hexToBytes(bytesToHex(bytes))]).toEqual([...bytes]);
        expect([...(decodeBase64Url(encodeBase64Url(bytes)) ?? [])]).toEqual([...bytes]);
        expect(utf8Text(bytes)).toBe(buffer.toString('utf8'));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect([...utf8Bytes(text)]).toEqual([...Buffer.from(text, 'utf8')]);
      }),
    );
  });

  it('decodes base64url like Buffer, refusing other characters and impossible lengths', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/), (text) => {
        const decoded = decodeBase64Url(text);
        if (text.length % 4 === 1) expect(decoded).toBeUndefined();
        else expect([...(decoded ?? [])]).toEqual([...Buffer.from(text, 'base64url')]);
      }),
    );
    expect(decodeBase64Url('ab+c')).toBeUndefined();
    expect(decodeBase64Url('ab=')).toBeUndefined();
  });

  it('compares bytes: equal only for the same length and content', () => {
    expect(timingSafeEqualBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(timingSafeEqualBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(timingSafeEqualBytes(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
  });
});

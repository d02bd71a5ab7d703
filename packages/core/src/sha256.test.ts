import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes.js';
import { hmacSha256, sha256 } from './sha256.js';

describe('plain-JavaScript SHA-256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(bytesToHex(sha256('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(bytesToHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(bytesToHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches the RFC 4231 HMAC-SHA256 test case 2', () => {
    expect(bytesToHex(hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('matches node:crypto for any text or bytes, at every block boundary', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })), (data) => {
        expect(bytesToHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      }),
    );
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const data = new Uint8Array(length).fill(length);
      expect(bytesToHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('matches node:crypto HMAC for keys shorter and longer than a block', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), fc.uint8Array({ maxLength: 200 }), (key, data) => {
        expect(bytesToHex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
      }),
    );
  });
});

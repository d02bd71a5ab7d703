import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, decodeCompactJws, encodeBase64Url, MAX_JWS_LENGTH } from './compact-jws.js';

const part = (value: unknown): string => encodeBase64Url(JSON.stringify(value));

describe('compact JWS decoding', () => {
  it('decodes header, payload, signing input and signature', () => {
    const token = `${part({ alg: 'ES256', kid: 'k' })}.${part({ iat: 1 })}.${encodeBase64Url(new Uint8Array([1, 2, 3]))}`;
    const decoded = decodeCompactJws(token);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.header).toEqual({ alg: 'ES256', kid: 'k' });
    expect(decoded.payload).toEqual({ iat: 1 });
    expect([...decoded.signature]).toEqual([1, 2, 3]);
    expect(new TextDecoder().decode(decoded.signingInput)).toBe(token.slice(0, token.lastIndexOf('.')));
  });

  it.each([
    ['two parts', `${part({})}.${part({})}`],
    ['padding', `${part({ alg: 'ES256' })}=.${part({})}.AA`],
    ['standard base64 alphabet', `${part({ alg: 'ES256' })}.${part({})}.a+b/`],
    ['a JSON array header', `${part([1])}.${part({})}.AA`],
    ['a JSON string payload', `${part({ alg: 'ES256' })}.${part('x')}.AA`],
    ['invalid UTF-8', `${encodeBase64Url(new Uint8Array([0xff, 0xfe]))}.${part({})}.AA`],
    ['an empty header', `.${part({})}.AA`],
    ['an oversized token', 'a'.repeat(MAX_JWS_LENGTH + 1)],
  ])('refuses %s', (_label, token) => {
    expect(decodeCompactJws(token).ok).toBe(false);
  });

  it('round-trips base64url and refuses impossible lengths', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (bytes) => {
        expect([...(decodeBase64Url(encodeBase64Url(bytes)) ?? [])]).toEqual([...bytes]);
      }),
    );
    expect(decodeBase64Url('a')).toBeUndefined();
    // Canonical only: 'QQ' is the one encoding of 'A'; 'QR'…'Qf' set unused bits and are refused.
    expect([...(decodeBase64Url('QQ') ?? [])]).toEqual([65]);
    expect(decodeBase64Url('QR')).toBeUndefined();
    expect(decodeBase64Url('Qf')).toBeUndefined();
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(typeof decodeCompactJws(text).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

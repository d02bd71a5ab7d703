import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeKey } from '../test/store.test-helpers.js';
import { StoreError, TokenDecryptionError } from './store-errors.js';
import {
  createTokenCipher,
  ENCRYPTION_KEYS_ENV,
  parseEncryptionKeys,
  resolveEncryptionKeys,
} from './token-cipher.js';

const token = 'access-sandbox-8f2d1c3e-0000-4000-8000-1234567890ab';

function shows(error: unknown, secret: string): boolean {
  return (
    String(error).includes(secret) ||
    JSON.stringify(error).includes(secret) ||
    inspect(error).includes(secret)
  );
}

describe('createTokenCipher', () => {
  it('round-trips a token under its context and stores the key id with the ciphertext', async () => {
    const cipher = createTokenCipher([makeKey('k1')]);
    const sealed = await cipher.seal(token, 'item:a');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('access-sandbox');
    expect(await cipher.open(sealed, 'item:a')).toBe(token);
    const again = await cipher.seal(token, 'item:a');
    expect(again.ciphertext).not.toBe(sealed.ciphertext);
  });

  it('refuses a wrong key with a typed error that never shows the token', async () => {
    const sealed = await createTokenCipher([makeKey('k1')]).seal(token, 'item:a');
    const other = createTokenCipher([makeKey('k1')]);
    const error = await other.open(sealed, 'item:a').catch((caught: unknown) => caught);
    expect(TokenDecryptionError.isInstance(error)).toBe(true);
    expect(StoreError.isInstance(error)).toBe(true);
    expect((error as TokenDecryptionError).reason).toBe('wrong_key_or_tampered');
    expect((error as TokenDecryptionError).code).toBe('STORE_DECRYPTION_FAILED');
    expect(shows(error, token)).toBe(false);
  });

  it('refuses a tampered ciphertext, a moved ciphertext (other context) and a truncated one', async () => {
    const cipher = createTokenCipher([makeKey('k1')]);
    const sealed = await cipher.seal(token, 'item:a');
    const bytes = Buffer.from(sealed.ciphertext, 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1;
    const tampered = { keyId: 'k1', ciphertext: bytes.toString('base64url') };
    await expect(cipher.open(tampered, 'item:a')).rejects.toMatchObject({ reason: 'wrong_key_or_tampered' });
    await expect(cipher.open(sealed, 'item:b')).rejects.toMatchObject({ reason: 'wrong_key_or_tampered' });
    await expect(cipher.open({ keyId: 'k1', ciphertext: 'abcd' }, 'item:a')).rejects.toMatchObject({
      reason: 'malformed',
      code: 'STORE_CIPHERTEXT_MALFORMED',
    });
  });

  it('names a missing key id without decrypting', async () => {
    const sealed = await createTokenCipher([makeKey('old')]).seal(token, 'item:a');
    const error = await createTokenCipher([makeKey('new')])
      .open(sealed, 'item:a')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'unknown_key_id', keyId: 'old', code: 'STORE_KEY_NOT_FOUND' });
    expect(shows(error, token)).toBe(false);
  });

  it('encrypts with the first key and decrypts with any configured key (rotation)', async () => {
    const oldKey = makeKey('old');
    const sealed = await createTokenCipher([oldKey]).seal(token, 'item:a');
    const rotated = createTokenCipher([makeKey('new'), oldKey]);
    expect(rotated.currentKeyId).toBe('new');
    expect(await rotated.open(sealed, 'item:a')).toBe(token);
    expect((await rotated.seal(token, 'item:a')).keyId).toBe('new');
  });

  it('refuses keys that are not 32 bytes, duplicate ids and bad ids without echoing the key', () => {
    const shortKey = Buffer.alloc(16, 7).toString('base64');
    let error: unknown;
    try {
      createTokenCipher([{ id: 'k1', key: shortKey }]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'STORE_KEY_INVALID' });
    expect(String(error)).not.toContain(shortKey);
    const key = makeKey('k1');
    expect(() => createTokenCipher([key, { ...key }])).toThrow(/configured twice/);
    expect(() => createTokenCipher([{ id: 'bad id', key: key.key }])).toThrow(/letters, digits/);
  });
});

describe('encryption keys from the environment', () => {
  it('parses id:key pairs, current first', () => {
    const a = makeKey('a');
    const b = makeKey('b');
    expect(parseEncryptionKeys(`a:${a.key}, b:${b.key}`)).toEqual([a, b]);
    expect(() => parseEncryptionKeys('nocolon')).toThrow(ENCRYPTION_KEYS_ENV);
  });

  it('prefers the option, falls back to ACHBRIDGE_STORE_KEYS, and names both when neither is set', () => {
    const saved = process.env[ENCRYPTION_KEYS_ENV];
    try {
      const fromEnv = makeKey('env');
      process.env[ENCRYPTION_KEYS_ENV] = `env:${fromEnv.key}`;
      expect(resolveEncryptionKeys(undefined)).toEqual([fromEnv]);
      const option = [makeKey('opt')];
      expect(resolveEncryptionKeys(option)).toEqual(option);
      delete process.env[ENCRYPTION_KEYS_ENV];
      expect(() => resolveEncryptionKeys(undefined)).toThrow(/encryptionKeys.*ACHBRIDGE_STORE_KEYS/);
    } finally {
      if (saved === undefined) delete process.env[ENCRYPTION_KEYS_ENV];
      else process.env[ENCRYPTION_KEYS_ENV] = saved;
    }
  });
});

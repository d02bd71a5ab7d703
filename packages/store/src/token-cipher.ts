import { webcrypto } from 'node:crypto';
import { ConfigError, registerSecret } from '@achbridge/core';
import { TokenDecryptionError } from './store-errors.js';

/** One AES-256 key: its id (stored next to every ciphertext it made) and 32 bytes, base64 or raw. */
export interface EncryptionKey {
  /** A short, stable name such as `2026-01`; letters, digits, `.`, `_` and `-`. */
  id: string;
  /** The 32-byte key, base64-encoded (standard or url-safe), or the raw bytes. */
  key: string | Uint8Array;
}

/** A secret encrypted at rest: the key id and `base64url(iv ‖ ciphertext ‖ tag)`. */
export interface SealedSecret {
  keyId: string;
  ciphertext: string;
}

/** Encrypts secrets with the current key and decrypts with any configured key. */
export interface TokenCipher {
  /** The id of the key new secrets are encrypted with. */
  readonly currentKeyId: string;
  /** Encrypts `plaintext`, bound to `context` (e.g. the item id): a ciphertext moved elsewhere fails. */
  seal(plaintext: string, context: string): Promise<SealedSecret>;
  /** Decrypts a sealed secret; a typed error (never the plaintext) on a wrong key, tampering or unknown key id. */
  open(sealed: SealedSecret, context: string): Promise<string>;
}

/** The environment variable read when no `encryptionKeys` option is given: `id:base64key[,id:base64key...]`, current key first. */
export const ENCRYPTION_KEYS_ENV = 'ACHBRIDGE_STORE_KEYS';

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64'));
}

function keyBytes(key: EncryptionKey): Uint8Array {
  const bytes = typeof key.key === 'string' ? decodeBase64(key.key.trim()) : key.key;
  if (bytes.length !== 32) {
    throw new ConfigError(
      `Encryption key "${key.id}" must be 32 bytes (AES-256), base64-encoded; generate one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`,
      { code: 'STORE_KEY_INVALID' },
    );
  }
  return bytes;
}

/** Parses `id:base64key,id:base64key` (current key first) as found in ACHBRIDGE_STORE_KEYS. */
export function parseEncryptionKeys(text: string): EncryptionKey[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0) {
        throw new ConfigError(`${ENCRYPTION_KEYS_ENV} must look like id:base64key[,id:base64key...]`, {
          code: 'STORE_KEY_INVALID',
        });
      }
      return { id: part.slice(0, colon), key: part.slice(colon + 1) };
    });
}

/** Resolves the keys: the option, else ACHBRIDGE_STORE_KEYS; never from the database. */
export function resolveEncryptionKeys(option: readonly EncryptionKey[] | undefined): EncryptionKey[] {
  const keys = option ? [...option] : parseEncryptionKeys(process.env[ENCRYPTION_KEYS_ENV] ?? '');
  if (keys.length === 0) {
    throw new ConfigError(
      `The store needs an encryption key for access tokens: pass \`encryptionKeys\` or set ${ENCRYPTION_KEYS_ENV}=id:base64key`,
      { code: 'MISSING_SETTING' },
    );
  }
  return keys;
}

/** Creates an AES-256-GCM cipher (WebCrypto) over `keys`; the first key encrypts, every key decrypts. */
export function createTokenCipher(keys: readonly EncryptionKey[]): TokenCipher {
  if (keys.length === 0)
    throw new ConfigError('createTokenCipher needs at least one key', { code: 'MISSING_SETTING' });
  const imported = new Map<string, Promise<webcrypto.CryptoKey>>();
  for (const key of keys) {
    if (!KEY_ID.test(key.id)) {
      throw new ConfigError('Encryption key ids use letters, digits, ".", "_" and "-" (1 to 64)', {
        code: 'STORE_KEY_INVALID',
      });
    }
    if (imported.has(key.id)) {
      throw new ConfigError(`Encryption key id "${key.id}" is configured twice`, {
        code: 'STORE_KEY_INVALID',
      });
    }
    if (typeof key.key === 'string') registerSecret(key.key.trim());
    const bytes = keyBytes(key);
    imported.set(
      key.id,
      webcrypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
    );
  }
  const currentKeyId = (keys[0] as EncryptionKey).id;
  const encoder = new TextEncoder();

  return {
    currentKeyId,
    async seal(plaintext, context) {
      const key = await (imported.get(currentKeyId) as Promise<webcrypto.CryptoKey>);
      const iv = webcrypto.getRandomValues(new Uint8Array(IV_BYTES));
      const encrypted = new Uint8Array(
        await webcrypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
          key,
          encoder.encode(plaintext),
        ),
      );
      const joined = new Uint8Array(IV_BYTES + encrypted.length);
      joined.set(iv, 0);
      joined.set(encrypted, IV_BYTES);
      return { keyId: currentKeyId, ciphertext: Buffer.from(joined).toString('base64url') };
    },
    async open(sealed, context) {
      const key = imported.get(sealed.keyId);
      if (key === undefined) {
        throw new TokenDecryptionError(
          'unknown_key_id',
          sealed.keyId,
          `No encryption key with id "${sealed.keyId}" is configured; add it to the store's keys (keep old keys until every secret is re-encrypted)`,
        );
      }
      const joined = decodeBase64(sealed.ciphertext);
      if (joined.length < IV_BYTES + TAG_BYTES) {
        throw new TokenDecryptionError(
          'malformed',
          sealed.keyId,
          'The stored ciphertext is truncated or malformed',
        );
      }
      try {
        const plain = await webcrypto.subtle.decrypt(
          { name: 'AES-GCM', iv: joined.subarray(0, IV_BYTES), additionalData: encoder.encode(context) },
          await key,
          joined.subarray(IV_BYTES),
        );
        const text = new TextDecoder().decode(plain);
        registerSecret(text);
        return text;
      } catch {
        throw new TokenDecryptionError(
          'wrong_key_or_tampered',
          sealed.keyId,
          `Decryption with key "${sealed.keyId}" failed: the key is wrong or the ciphertext was altered`,
        );
      }
    },
  };
}

import { AchBridgeError, type AchBridgeErrorOptions, hasErrorMarker, setErrorMarker } from '@achbridge/core';

/** Options of a store error. */
export interface StoreErrorOptions extends AchBridgeErrorOptions {
  /** Whether repeating the same operation later may succeed. */
  isRetryable?: boolean;
}

/** Base class of every error the store throws. */
export class StoreError extends AchBridgeError {
  /** Whether repeating the same operation later may succeed. */
  readonly isRetryable: boolean;

  constructor(code: string, message: string, options: StoreErrorOptions = {}) {
    super(code, message, options);
    this.name = 'StoreError';
    this.isRetryable = options.isRetryable ?? false;
    setErrorMarker(this, 'StoreError');
  }

  /** Whether `error` is any store error, even from another copy of the package. */
  static override isInstance(error: unknown): error is StoreError {
    return hasErrorMarker(error, 'StoreError');
  }
}

/** The database could not be reached or dropped the connection; nothing was half-written, retry later. */
export class StoreUnavailableError extends StoreError {
  constructor(message: string, options: AchBridgeErrorOptions = {}) {
    super('STORE_UNAVAILABLE', message, { ...options, isRetryable: true });
    this.name = 'StoreUnavailableError';
    setErrorMarker(this, 'StoreUnavailableError');
  }

  /** Whether `error` is a StoreUnavailableError. */
  static override isInstance(error: unknown): error is StoreUnavailableError {
    return hasErrorMarker(error, 'StoreUnavailableError');
  }
}

/** The database's schema is newer than this version of the store knows (or a migration failed). */
export class StoreSchemaError extends StoreError {
  /** The schema version found in the database. */
  readonly databaseVersion: number;
  /** The newest schema version this code knows. */
  readonly codeVersion: number;

  constructor(
    databaseVersion: number,
    codeVersion: number,
    message: string,
    options: AchBridgeErrorOptions = {},
  ) {
    super('STORE_SCHEMA_TOO_NEW', message, options);
    this.name = 'StoreSchemaError';
    this.databaseVersion = databaseVersion;
    this.codeVersion = codeVersion;
    setErrorMarker(this, 'StoreSchemaError');
  }

  /** Whether `error` is a StoreSchemaError. */
  static override isInstance(error: unknown): error is StoreSchemaError {
    return hasErrorMarker(error, 'StoreSchemaError');
  }
}

/** Why a stored secret could not be decrypted. */
export type TokenDecryptionReason = 'unknown_key_id' | 'wrong_key_or_tampered' | 'malformed';

/** A stored access token could not be decrypted; the message never contains the token or the key. */
export class TokenDecryptionError extends StoreError {
  /** What went wrong. */
  readonly reason: TokenDecryptionReason;
  /** The key id stored with the ciphertext. */
  readonly keyId: string;

  constructor(reason: TokenDecryptionReason, keyId: string, message: string) {
    const code =
      reason === 'unknown_key_id'
        ? 'STORE_KEY_NOT_FOUND'
        : reason === 'malformed'
          ? 'STORE_CIPHERTEXT_MALFORMED'
          : 'STORE_DECRYPTION_FAILED';
    super(code, message);
    this.name = 'TokenDecryptionError';
    this.reason = reason;
    this.keyId = keyId;
    setErrorMarker(this, 'TokenDecryptionError');
  }

  /** Whether `error` is a TokenDecryptionError. */
  static override isInstance(error: unknown): error is TokenDecryptionError {
    return hasErrorMarker(error, 'TokenDecryptionError');
  }
}

/** Another process holds the claim and did not finish within the wait; retry later. */
export class ClaimTimeoutError extends StoreError {
  /** What was being claimed (`public_token`, `processor_link`, `payment`). */
  readonly scope: string;

  constructor(scope: string, message: string) {
    super('STORE_CLAIM_TIMEOUT', message, { isRetryable: true });
    this.name = 'ClaimTimeoutError';
    this.scope = scope;
    setErrorMarker(this, 'ClaimTimeoutError');
  }

  /** Whether `error` is a ClaimTimeoutError. */
  static override isInstance(error: unknown): error is ClaimTimeoutError {
    return hasErrorMarker(error, 'ClaimTimeoutError');
  }
}

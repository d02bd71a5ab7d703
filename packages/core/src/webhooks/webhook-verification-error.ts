import { AchBridgeError, type AchBridgeErrorOptions, hasErrorMarker, setErrorMarker } from '../errors.js';

/**
 * Why a webhook was refused. `key_fetch_failed` means Plaid's key endpoint could not be reached or
 * answered badly (retryable); every other reason means the delivery is not authentic or not fresh.
 */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_token'
  | 'wrong_alg'
  | 'unknown_key'
  | 'expired_key'
  | 'bad_signature'
  | 'stale'
  | 'body_mismatch'
  | 'key_fetch_failed';

/** Every reason a verifier can report, in the order the checks run. */
export const WEBHOOK_VERIFICATION_REASONS: readonly WebhookVerificationReason[] = [
  'missing_header',
  'malformed_token',
  'wrong_alg',
  'key_fetch_failed',
  'unknown_key',
  'expired_key',
  'bad_signature',
  'stale',
  'body_mismatch',
];

/** Options for a WebhookVerificationError. */
export interface WebhookVerificationErrorOptions extends AchBridgeErrorOptions {
  /** The key id from the token header, when one was read (key ids are public, never secret). */
  kid?: string | undefined;
  /** Overrides the default retryability (only `key_fetch_failed` is retryable by default). */
  isRetryable?: boolean;
}

/** A webhook delivery failed verification; `reason` says which check refused it. */
export class WebhookVerificationError extends AchBridgeError {
  /** Which provider's webhook was being verified. */
  readonly provider: 'plaid';
  /** Which check refused the delivery. */
  readonly reason: WebhookVerificationReason;
  /** The `kid` from the token header, when known. */
  readonly kid: string | undefined;
  /** Whether a later retry of the same delivery may succeed (only when the key could not be fetched). */
  readonly isRetryable: boolean;

  constructor(
    reason: WebhookVerificationReason,
    message: string,
    options: WebhookVerificationErrorOptions = {},
  ) {
    super(
      'WEBHOOK_VERIFICATION_FAILED',
      `Plaid webhook verification failed (${reason}): ${message}`,
      options,
    );
    this.name = 'WebhookVerificationError';
    this.provider = 'plaid';
    this.reason = reason;
    this.kid = options.kid;
    this.isRetryable = options.isRetryable ?? reason === 'key_fetch_failed';
    setErrorMarker(this, 'WebhookVerificationError');
  }

  /** Whether `error` is a WebhookVerificationError, even from another copy of the package. */
  static override isInstance(error: unknown): error is WebhookVerificationError {
    return hasErrorMarker(error, 'WebhookVerificationError');
  }
}

import { AchBridgeError } from '@achbridge/core';
import { hasErrorMarker, setErrorMarker } from '@achbridge/core/internal';

/** Why a Dwolla webhook was refused. */
export type DwollaWebhookFailureReason =
  | 'missing_header'
  | 'malformed_signature'
  | 'bad_signature'
  | 'malformed_body'
  | 'topic_mismatch';

/** A Dwolla webhook delivery failed verification; answer it with 401/400 and do not act on it. */
export class DwollaWebhookVerificationError extends AchBridgeError {
  /** Always `dwolla`. */
  readonly provider: 'dwolla';
  /** Which check refused the delivery. */
  readonly reason: DwollaWebhookFailureReason;
  /** A delivery that failed verification never succeeds when repeated. */
  readonly isRetryable: false;

  constructor(reason: DwollaWebhookFailureReason, message: string) {
    super('DWOLLA_WEBHOOK_VERIFICATION_FAILED', `Dwolla webhook verification failed (${reason}): ${message}`);
    this.name = 'DwollaWebhookVerificationError';
    this.provider = 'dwolla';
    this.reason = reason;
    this.isRetryable = false;
    setErrorMarker(this, 'DwollaWebhookVerificationError');
  }

  /** Whether `error` is a DwollaWebhookVerificationError, even from another copy of the package. */
  static override isInstance(error: unknown): error is DwollaWebhookVerificationError {
    return hasErrorMarker(error, 'DwollaWebhookVerificationError');
  }
}

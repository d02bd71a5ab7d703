import { AchBridgeError } from '@achbridge/core';
import { hasErrorMarker, setErrorMarker } from '@achbridge/core/internal';

/** Why a Stripe webhook was refused. */
export type StripeWebhookFailureReason = 'missing_header' | 'bad_signature' | 'malformed_body';

/** A Stripe webhook delivery failed verification; answer it with 400 and do not act on it. */
export class StripeWebhookVerificationError extends AchBridgeError {
  /** Always `stripe`. */
  readonly provider: 'stripe';
  /** Which check refused the delivery. */
  readonly reason: StripeWebhookFailureReason;
  /** A delivery that failed verification never succeeds when repeated. */
  readonly isRetryable: false;

  constructor(reason: StripeWebhookFailureReason, message: string, options: { cause?: unknown } = {}) {
    super(
      'STRIPE_WEBHOOK_VERIFICATION_FAILED',
      `Stripe webhook verification failed (${reason}): ${message}`,
      options,
    );
    this.name = 'StripeWebhookVerificationError';
    this.provider = 'stripe';
    this.reason = reason;
    this.isRetryable = false;
    setErrorMarker(this, 'StripeWebhookVerificationError');
  }

  /** Whether `error` is a StripeWebhookVerificationError, even from another copy of the package. */
  static override isInstance(error: unknown): error is StripeWebhookVerificationError {
    return hasErrorMarker(error, 'StripeWebhookVerificationError');
  }
}

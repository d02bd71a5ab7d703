import { ProviderError } from '@achbridge/core';
import { hasErrorMarker, setErrorMarker } from '@achbridge/core/internal';

/** Details of a Stripe API error answer. */
export interface StripeApiErrorDetails {
  /** Stripe's error type, e.g. `invalid_request_error`, `card_error`, `idempotency_error`. */
  type: string;
  /** Stripe's error code, e.g. `resource_missing`, `token_already_used`; falls back to `type`. */
  code: string;
  /** The offending parameter, e.g. `source`. */
  param?: string | undefined;
  /** For declines: Stripe's decline code, e.g. `insufficient_funds`. */
  declineCode?: string | undefined;
  /** Stripe's documentation link for the code. */
  docUrl?: string | undefined;
  /** HTTP status of the answer. */
  status?: number | undefined;
  /** Stripe's `Request-Id`, for support tickets. */
  requestId?: string | undefined;
  /** Whether repeating the same request (with the same idempotency key) may succeed. */
  isRetryable: boolean;
  /** Milliseconds Stripe asked us to wait (Retry-After). */
  retryAfterMs?: number | undefined;
  /** What to do about it. */
  remediation: string;
}

/** Stripe answered with an error; carries Stripe's type, code, param and decline code. */
export class StripeApiError extends ProviderError {
  /** Stripe's error type, e.g. `invalid_request_error`. */
  readonly type: string;
  /** The offending parameter, if Stripe named one. */
  readonly param: string | undefined;
  /** Stripe's decline code for bank or card declines. */
  readonly declineCode: string | undefined;
  /** Stripe's documentation link for the code. */
  readonly docUrl: string | undefined;

  constructor(message: string, details: StripeApiErrorDetails) {
    super(details.code, message, {
      provider: 'stripe',
      status: details.status,
      requestId: details.requestId,
      isRetryable: details.isRetryable,
      retryAfterMs: details.retryAfterMs,
      remediation: details.remediation,
    });
    this.name = 'StripeApiError';
    this.type = details.type;
    this.param = details.param;
    this.declineCode = details.declineCode;
    this.docUrl = details.docUrl;
    setErrorMarker(this, 'StripeApiError');
  }

  /** Whether `error` is a StripeApiError, even from another copy of the package. */
  static override isInstance(error: unknown): error is StripeApiError {
    return hasErrorMarker(error, 'StripeApiError');
  }
}

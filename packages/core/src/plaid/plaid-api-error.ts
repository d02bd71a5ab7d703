import { hasErrorMarker, ProviderError, setErrorMarker } from '../errors.js';
import { redactSecrets, redactValue } from '../redact.js';
import type { PlaidErrorBody } from './plaid-client-types.js';
import {
  describePlaidError,
  type PlaidErrorCategory,
  type PlaidErrorOccurrence,
} from './plaid-error-catalog.js';

/** Transport details attached to a PlaidApiError. */
export interface PlaidApiErrorDetails {
  /** HTTP status of Plaid's answer (or the `status` field of a webhook-embedded error). */
  status?: number | undefined;
  /** Plaid's request id (body `request_id`, else the `X-Request-Id` header). */
  requestId?: string | undefined;
  /** Milliseconds Plaid asked us to wait (Retry-After). */
  retryAfterMs?: number | undefined;
  /** The endpoint that answered, e.g. `/item/get`. */
  endpoint?: string | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
  /** Advice that replaces the catalog's, when the context says more than the error code (e.g. a lost answer). */
  remediation?: string | undefined;
}

const TRANSIENT_TYPES = new Set(['API_ERROR', 'RATE_LIMIT_EXCEEDED']);

function decideRetryable(
  category: PlaidErrorCategory,
  errorType: string,
  status: number | undefined,
): boolean {
  if (category === 'retryable') return true;
  if (category !== 'unknown') return false;
  return TRANSIENT_TYPES.has(errorType) || status === 429 || (status !== undefined && status >= 500);
}

/**
 * An error answer from Plaid (`error_type` / `error_code`), with achbridge's catalog category and
 * remediation. Retryable for Plaid-side and transient errors (API_ERROR, rate limits, institution
 * downtime, 5xx), never for request or user errors.
 */
export class PlaidApiError extends ProviderError {
  /** Plaid's broad `error_type`, e.g. `ITEM_ERROR`. */
  readonly errorType: string;
  /** Plaid's specific `error_code`, e.g. `ITEM_LOGIN_REQUIRED`. */
  readonly errorCode: string;
  /** Plaid's developer-facing message (redacted). */
  readonly errorMessage: string;
  /** Plaid's user-facing message, or null. */
  readonly displayMessage: string | null;
  /** Per-Item causes (Assets errors), redacted. */
  readonly causes: unknown[];
  /** Who has to act, from achbridge's catalog. */
  readonly category: PlaidErrorCategory;
  /** Where the error occurs, from achbridge's catalog. */
  readonly when: PlaidErrorOccurrence[];
  /** Plaid's documentation link, when given. */
  readonly documentationUrl: string | undefined;
  /** Plaid's suggested action, when given. */
  readonly suggestedAction: string | undefined;
  /** The endpoint that answered, when known. */
  readonly endpoint: string | undefined;

  constructor(body: PlaidErrorBody, details: PlaidApiErrorDetails = {}) {
    const description = describePlaidError(body.error_code, body.error_type);
    const requestId = body.request_id ?? details.requestId;
    const status = details.status ?? (typeof body.status === 'number' ? body.status : undefined);
    const where = details.endpoint ? ` from ${details.endpoint}` : '';
    const message = body.error_message ? `: ${body.error_message}` : '';
    super(body.error_code, `Plaid ${body.error_type} ${body.error_code}${where}${message}`, {
      provider: 'plaid',
      status,
      requestId,
      retryAfterMs: details.retryAfterMs,
      isRetryable: decideRetryable(description.category, body.error_type, status),
      remediation: details.remediation ?? description.remediation,
      cause: details.cause,
    });
    this.name = 'PlaidApiError';
    this.errorType = body.error_type;
    this.errorCode = body.error_code;
    this.errorMessage = redactSecrets(body.error_message ?? '');
    this.displayMessage = body.display_message == null ? null : redactSecrets(body.display_message);
    this.causes = Array.isArray(body.causes) ? (redactValue(body.causes) as unknown[]) : [];
    this.category = description.category;
    this.when = description.when;
    this.documentationUrl = body.documentation_url ?? undefined;
    this.suggestedAction = body.suggested_action == null ? undefined : redactSecrets(body.suggested_action);
    this.endpoint = details.endpoint;
    setErrorMarker(this, 'PlaidApiError');
  }

  /** Whether `error` is a PlaidApiError, even from another copy of the package. */
  static override isInstance(error: unknown): error is PlaidApiError {
    return hasErrorMarker(error, 'PlaidApiError');
  }
}

import { AchBridgeError, NetworkError, ResponseValidationError } from '@achbridge/core';
import { parseRetryAfter } from '@achbridge/core/internal';
import { NO_SUCH_TOKEN_EXPLANATION } from './mode-guard.js';
import { exhaustedRetriesRemediation, stripeRemediation } from './remediation.js';
import { StripeApiError } from './stripe-errors.js';

/** The fields of a stripe-node error that achbridge reads. */
interface SdkStripeError {
  type: string;
  rawType?: unknown;
  code?: unknown;
  decline_code?: unknown;
  param?: unknown;
  doc_url?: unknown;
  statusCode?: unknown;
  requestId?: unknown;
  headers?: unknown;
  message: string;
  detail?: unknown;
}

const BTOK_PATTERN = /\bbtok_[A-Za-z0-9]+/g;

/** Removes Stripe bank account tokens (single-use secrets) from a Stripe message. */
export function redactStripeMessage(message: string): string {
  return message.replace(BTOK_PATTERN, 'btok_[REDACTED]');
}

function isSdkStripeError(error: unknown): error is SdkStripeError {
  if (!(error instanceof Error)) return false;
  const type = (error as { type?: unknown }).type;
  return typeof type === 'string' && type.startsWith('Stripe');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return text(value[0]);
  return text(value);
}

const RAW_TYPE_BY_CLASS: Record<string, string> = {
  StripeCardError: 'card_error',
  StripeInvalidRequestError: 'invalid_request_error',
  StripeAPIError: 'api_error',
  StripeAuthenticationError: 'authentication_error',
  StripePermissionError: 'permission_error',
  StripeRateLimitError: 'rate_limit_error',
  StripeIdempotencyError: 'idempotency_error',
};

const RETRYABLE_CODES = new Set(['lock_timeout', 'idempotency_key_in_use', 'rate_limit']);

function isRetryable(
  status: number | undefined,
  code: string | undefined,
  shouldRetry: string | undefined,
): boolean {
  if (shouldRetry === 'true') return true;
  if (shouldRetry === 'false') return false;
  if (code !== undefined && RETRYABLE_CODES.has(code)) return true;
  if (status === undefined) return false;
  return status === 409 || status === 429 || status >= 500;
}

/**
 * Turns anything a Stripe SDK call threw into an achbridge error: a StripeApiError for Stripe's error
 * answers, a NetworkError when no answer arrived, a ResponseValidationError when the body was not JSON,
 * and a non-retryable AchBridgeError (`STRIPE_CLIENT_ERROR`) when the SDK failed locally. Bank account
 * tokens in Stripe's messages are redacted.
 */
export function mapStripeError(error: unknown, endpoint: string): Error {
  if (AchBridgeError.isInstance(error)) return error;
  if (!isSdkStripeError(error)) {
    // Not an answer from Stripe: the SDK refused the call locally (a bug or a misconfigured client).
    const detail = error instanceof Error ? error.message : String(error);
    return new AchBridgeError(
      'STRIPE_CLIENT_ERROR',
      `Stripe ${endpoint}: the Stripe client failed: ${redactStripeMessage(detail)}`,
    );
  }
  const requestId = text(error.requestId);
  if (error.type === 'StripeConnectionError') {
    const timedOut = /timeout/i.test(error.message);
    return new NetworkError(
      'stripe',
      endpoint,
      timedOut ? 'timeout' : 'reset',
      timedOut ? 'no answer before the timeout' : 'the connection to Stripe failed before an answer arrived',
    );
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : undefined;
  if (error.type === 'StripeAPIError' && status === undefined && /invalid json/i.test(error.message)) {
    return new ResponseValidationError({
      provider: 'stripe',
      endpoint,
      requestId,
      issues: [{ path: '', message: 'the body is not JSON' }],
      // A non-JSON body usually comes from a proxy in front of Stripe; the same idempotency key replays safely.
      isRetryable: true,
    });
  }
  const type = text(error.rawType) ?? RAW_TYPE_BY_CLASS[error.type] ?? 'api_error';
  const code = text(error.code);
  const declineCode = text(error.decline_code);
  const param = text(error.param);
  // A malformed error body can carry a non-string message; never let it crash the mapping.
  const message = redactStripeMessage(text(error.message) ?? 'Stripe returned an error');
  const retryAfter = header(error.headers, 'retry-after');
  const noSuchToken = code === 'resource_missing' && /no such token/i.test(message);
  const fullMessage = `Stripe ${endpoint}: ${message}${noSuchToken ? ` ${NO_SUCH_TOKEN_EXPLANATION}` : ''}`;
  return new StripeApiError(fullMessage, {
    type,
    code: code ?? type,
    param,
    declineCode,
    docUrl: text(error.doc_url),
    status,
    requestId,
    isRetryable: isRetryable(
      status,
      code ?? (type === 'rate_limit_error' ? 'rate_limit' : undefined),
      header(error.headers, 'stripe-should-retry'),
    ),
    retryAfterMs: retryAfter === undefined ? undefined : parseRetryAfter(retryAfter),
    remediation: stripeRemediation({ type, code, declineCode, message, param, status }),
  });
}

/**
 * The error to throw once retries are used up: a retryable StripeApiError seen on every one of `attempts`
 * (more than one) attempts gets advice saying it was already retried; anything else is returned unchanged.
 */
export function afterRetries(error: unknown, attempts: number): unknown {
  if (!StripeApiError.isInstance(error) || !error.isRetryable || attempts < 2) return error;
  return new StripeApiError(error.message, {
    type: error.type,
    code: error.code,
    param: error.param,
    declineCode: error.declineCode,
    docUrl: error.docUrl,
    status: error.status,
    requestId: error.requestId,
    isRetryable: error.isRetryable,
    retryAfterMs: error.retryAfterMs,
    remediation: exhaustedRetriesRemediation(error.status, attempts),
  });
}

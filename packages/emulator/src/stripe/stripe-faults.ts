import type { EmulatorResponse, FaultErrorOptions } from '../types.js';
import { type StripeErrorFields, stripeErrorBody } from './stripe-errors.js';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Stripe's error fields for an injected status code. */
export function faultErrorFields(status: number): StripeErrorFields {
  if (status === 429) {
    return {
      type: 'rate_limit_error',
      code: 'rate_limit',
      message:
        'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
    };
  }
  if (status === 409) {
    return {
      type: 'idempotency_error',
      message:
        'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): please try again later.',
    };
  }
  if (status === 401) {
    // Stripe answers rejected keys with 401 + invalid_request_error (the SDK picks its class from the status).
    return { type: 'invalid_request_error', message: 'The API key provided was rejected (injected fault).' };
  }
  if (status === 402) {
    return {
      type: 'card_error',
      code: 'payment_method_unexpected_state',
      message: 'The request failed (injected fault).',
    };
  }
  if (status >= 400 && status < 500) {
    return {
      type: 'invalid_request_error',
      message: `The request was rejected with HTTP ${status} (injected fault).`,
    };
  }
  return {
    type: 'api_error',
    message:
      "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at support.stripe.com/contact.",
  };
}

/**
 * The emulated Stripe's answer for an injected failure: a Stripe error body (429 → `rate_limit_error` with an
 * optional Retry-After, 5xx → `api_error`), or an HTML page like a proxy in front of the API when `html` is set.
 */
export function stripeFaultResponse(status: number, options: FaultErrorOptions): EmulatorResponse {
  const headers: Record<string, string> = {};
  if (options.retryAfterSeconds !== undefined) headers['retry-after'] = String(options.retryAfterSeconds);
  if (options.html === true) {
    const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
    headers['content-type'] = 'text/html; charset=utf-8';
    return {
      status,
      headers,
      body: `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>emulated proxy</center></body></html>\n`,
    };
  }
  headers['content-type'] = 'application/json';
  return { status, headers, body: stripeErrorBody(faultErrorFields(status)) };
}

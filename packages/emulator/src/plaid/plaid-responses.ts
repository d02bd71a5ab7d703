import { createHtmlErrorPage } from '../html-error-page.js';
import type { EmulatorResponse, FaultErrorOptions } from '../types.js';
import { type PlaidApiError, plaidErrorForStatus } from './plaid-errors.js';

/** A Plaid success answer: the body plus `request_id`, mirrored in `X-Request-Id`. */
export function plaidSuccess(body: Record<string, unknown>, requestId: string): EmulatorResponse {
  return { status: 200, headers: { 'X-Request-Id': requestId }, body: { ...body, request_id: requestId } };
}

/** A Plaid error answer with `request_id` in the body and `X-Request-Id`. */
export function plaidFailure(error: PlaidApiError, requestId: string): EmulatorResponse {
  return {
    status: error.status,
    headers: { 'X-Request-Id': requestId },
    body: { ...error.fields, request_id: requestId },
  };
}

/** The answer for an injected status: Plaid's error body (or an HTML proxy page), with Retry-After if asked. */
export function plaidFaultResponse(
  status: number,
  options: FaultErrorOptions,
  requestId: string,
): EmulatorResponse {
  const extra: Record<string, string> = { 'X-Request-Id': requestId };
  if (options.retryAfterSeconds !== undefined) extra['Retry-After'] = String(options.retryAfterSeconds);
  if (options.html) return createHtmlErrorPage(status, extra);
  const answer = plaidFailure(plaidErrorForStatus(status), requestId);
  return { ...answer, headers: { ...answer.headers, ...extra } };
}

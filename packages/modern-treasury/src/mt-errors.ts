import { ProviderError, redactSecrets } from '@achbridge/core';
import {
  type HttpResponse,
  hasErrorMarker,
  isRetryableStatus,
  lazySchema,
  parseJsonText,
  parseRetryAfter,
  setErrorMarker,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { modernTreasuryRemediation } from './mt-remediation.js';

/** What `ModernTreasuryApiError` is built from. */
export interface ModernTreasuryApiErrorDetails {
  status: number | undefined;
  method: string;
  endpoint: string;
  /** The request field Modern Treasury named in `errors.parameter`. */
  parameter?: string | null | undefined;
  requestId?: string | undefined;
  isRetryable?: boolean;
  retryAfterMs?: number | undefined;
  remediation?: string | undefined;
}

/** Modern Treasury answered with an error (`{ errors: { code, message, parameter } }`, or a non-JSON page). */
export class ModernTreasuryApiError extends ProviderError {
  /** `GET`/`POST` of the failed request. */
  readonly method: string;
  /** The endpoint, e.g. `/api/payment_orders`. */
  readonly endpoint: string;
  /** The request field Modern Treasury named (`errors.parameter`), or null. */
  readonly parameter: string | null;
  /** Modern Treasury's own message (redacted). */
  readonly modernTreasuryMessage: string;

  /** Creates the error; `code` is Modern Treasury's error code (`parameter_invalid`, …). */
  constructor(code: string, message: string, details: ModernTreasuryApiErrorDetails) {
    const safeMessage = redactSecrets(message);
    const parameter = details.parameter ?? null;
    super(
      code,
      `Modern Treasury ${details.method} ${details.endpoint} failed (${details.status ?? 'no status'} ${code}${parameter === null ? '' : ` on ${parameter}`}): ${safeMessage}`,
      {
        provider: 'modern_treasury',
        status: details.status,
        requestId: details.requestId,
        isRetryable: details.isRetryable ?? false,
        retryAfterMs: details.retryAfterMs,
        remediation: details.remediation ?? modernTreasuryRemediation(code, details.status),
      },
    );
    this.name = 'ModernTreasuryApiError';
    this.method = details.method;
    this.endpoint = details.endpoint;
    this.parameter = parameter;
    this.modernTreasuryMessage = safeMessage;
    setErrorMarker(this, 'ModernTreasuryApiError');
  }

  /** Whether `error` is a ModernTreasuryApiError, even from another copy of the package. */
  static override isInstance(error: unknown): error is ModernTreasuryApiError {
    return hasErrorMarker(error, 'ModernTreasuryApiError');
  }
}

const errorBodySchema = lazySchema(() =>
  z.looseObject({
    errors: z.looseObject({
      code: z.string().min(1),
      message: z.string().optional(),
      parameter: z.string().nullable().optional(),
    }),
  }),
);

function fallbackCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'resource_not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return `http_${status}`;
}

/**
 * Builds the typed error for an answer with status >= 400. Never throws: HTML pages, empty and
 * malformed bodies become an error with a status-derived code. 429, 5xx and a 409 on a POST with an
 * Idempotency-Key (the first request with that key is still being stored) are retryable.
 */
export function createModernTreasuryApiError(
  response: HttpResponse,
  request: { method: string; endpoint: string },
): ModernTreasuryApiError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const isRetryable =
    isRetryableStatus(response.status) || (response.status === 409 && request.method === 'POST');
  const json = parseJsonText(response.text);
  const body = json.ok ? errorBodySchema().safeParse(json.value) : undefined;
  const common = {
    status: response.status,
    method: request.method,
    endpoint: request.endpoint,
    requestId,
    isRetryable,
    retryAfterMs,
  };
  if (!body?.success) {
    const contentType = response.headers.get('content-type') ?? 'unknown content type';
    const what =
      response.text.trim() === '' ? 'an empty body' : `a body that is not its error format (${contentType})`;
    return new ModernTreasuryApiError(
      fallbackCode(response.status),
      `Modern Treasury answered ${response.status} with ${what}`,
      common,
    );
  }
  const { code, message, parameter } = body.data.errors;
  return new ModernTreasuryApiError(code, message ?? `Modern Treasury answered ${response.status}`, {
    ...common,
    parameter,
  });
}

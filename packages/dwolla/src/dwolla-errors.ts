import { ProviderError, redactSecrets } from '@achbridge/core';
import {
  type HttpResponse,
  hasErrorMarker,
  isRetryableStatus,
  parseJsonText,
  parseRetryAfter,
  setErrorMarker,
} from '@achbridge/core/internal';
import { dwollaRemediation } from './dwolla-remediation.js';
import { embeddedErrorSchema, errorBodySchema } from './dwolla-schemas.js';

/** One entry of a Dwolla ValidationError's `_embedded.errors`. */
export interface DwollaEmbeddedError {
  /** e.g. `Required`, `Invalid`, `Duplicate`. */
  code: string;
  message: string;
  /** JSON pointer into the request body, e.g. `/firstName`. */
  path: string;
  /** `_links.about.href` of the entry, when Dwolla points at an existing resource. */
  aboutUrl: string | undefined;
}

/** What `DwollaApiError` is built from. */
export interface DwollaApiErrorDetails {
  status: number | undefined;
  method: string;
  endpoint: string;
  requestId?: string | undefined;
  embeddedErrors?: DwollaEmbeddedError[];
  aboutUrl?: string | undefined;
  isRetryable?: boolean;
  retryAfterMs?: number | undefined;
  remediation?: string | undefined;
  cause?: unknown;
}

/** Dwolla answered with an error (vnd.error body, OAuth error, or a non-JSON page). */
export class DwollaApiError extends ProviderError {
  /** `GET`/`POST` of the failed request. */
  readonly method: string;
  /** The endpoint, e.g. `/customers/{id}/funding-sources`. */
  readonly endpoint: string;
  /** Dwolla's own message. */
  readonly dwollaMessage: string;
  /** Field-level errors of a ValidationError, with JSON-pointer paths. */
  readonly embeddedErrors: DwollaEmbeddedError[];
  /** `_links.about.href`: the existing resource of a DuplicateResource error. */
  readonly aboutUrl: string | undefined;

  constructor(code: string, dwollaMessage: string, details: DwollaApiErrorDetails) {
    // Dwolla's own text could echo a token from the request: keep only redacted copies on the error.
    const embedded = (details.embeddedErrors ?? []).map((e) => ({ ...e, message: redactSecrets(e.message) }));
    const fields =
      embedded.length > 0
        ? ` [${embedded.map((e) => `${e.path || '(body)'}: ${e.code} ${e.message}`).join('; ')}]`
        : '';
    super(
      code,
      `Dwolla ${details.method} ${details.endpoint} failed (${details.status ?? 'no status'} ${code}): ${dwollaMessage}${fields}`,
      {
        provider: 'dwolla',
        status: details.status,
        requestId: details.requestId,
        isRetryable: details.isRetryable ?? false,
        retryAfterMs: details.retryAfterMs,
        remediation: details.remediation ?? dwollaRemediation(code),
        cause: details.cause,
      },
    );
    this.name = 'DwollaApiError';
    this.method = details.method;
    this.endpoint = details.endpoint;
    this.dwollaMessage = redactSecrets(dwollaMessage);
    this.embeddedErrors = embedded;
    this.aboutUrl = details.aboutUrl;
    setErrorMarker(this, 'DwollaApiError');
  }

  /** Whether this error's code (or one of its embedded codes) equals `code`, ignoring case. */
  hasCode(code: string, options: { embedded?: boolean } = {}): boolean {
    const wanted = code.toLowerCase();
    if (this.code.toLowerCase() === wanted) return true;
    return options.embedded === true && this.embeddedErrors.some((e) => e.code.toLowerCase() === wanted);
  }

  /** Whether `error` is a DwollaApiError, even from another copy of the package. */
  static override isInstance(error: unknown): error is DwollaApiError {
    return hasErrorMarker(error, 'DwollaApiError');
  }
}

/** Whether `error` is a DwollaApiError with `code` (case-insensitive). */
export function isDwollaErrorCode(error: unknown, code: string): error is DwollaApiError {
  return DwollaApiError.isInstance(error) && error.hasCode(code);
}

const RETRYABLE_CODES = new Set(['servererror', 'requesttimeout', 'toomanyrequests']);

function linkHref(links: Record<string, unknown> | undefined, rel: string): string | undefined {
  const link = links?.[rel];
  if (typeof link !== 'object' || link === null) return undefined;
  const href = (link as { href?: unknown }).href;
  return typeof href === 'string' && href !== '' ? href : undefined;
}

function parseEmbedded(items: unknown[] | undefined): DwollaEmbeddedError[] {
  const out: DwollaEmbeddedError[] = [];
  for (const item of items ?? []) {
    const parsed = embeddedErrorSchema().safeParse(item);
    if (!parsed.success) continue;
    out.push({
      code: parsed.data.code ?? 'Unknown',
      message: parsed.data.message ?? '',
      path: parsed.data.path ?? '',
      aboutUrl: linkHref(parsed.data._links, 'about'),
    });
  }
  return out;
}

function fallbackCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 409) return 'Conflict';
  if (status >= 500) return 'ServerError';
  return `HTTP${status}`;
}

/**
 * Builds the typed error for a Dwolla answer with status >= 400. Never throws: HTML pages, empty and
 * malformed bodies become an error with a status-derived code (retryable for 429/5xx).
 */
export function createDwollaApiError(
  response: HttpResponse,
  request: { method: string; endpoint: string; idempotent: boolean },
): DwollaApiError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  // 409: the original request with this Idempotency-Key is still processing; the same key is safe to resend.
  const statusRetryable =
    isRetryableStatus(response.status) || (response.status === 409 && request.idempotent);
  const json = parseJsonText(response.text);
  const body = json.ok ? errorBodySchema().safeParse(json.value) : undefined;
  if (!body?.success) {
    const contentType = response.headers.get('content-type') ?? 'unknown content type';
    const what = response.text.trim() === '' ? 'an empty body' : `a non-JSON body (${contentType})`;
    return new DwollaApiError(
      fallbackCode(response.status),
      `Dwolla answered ${response.status} with ${what}`,
      {
        status: response.status,
        method: request.method,
        endpoint: request.endpoint,
        requestId,
        isRetryable: statusRetryable,
        retryAfterMs,
      },
    );
  }
  const data = body.data;
  const code = data.code ?? data.error ?? fallbackCode(response.status);
  const message = data.message ?? data.error_description ?? `Dwolla answered ${response.status}`;
  return new DwollaApiError(code, message, {
    status: response.status,
    method: request.method,
    endpoint: request.endpoint,
    requestId,
    embeddedErrors: parseEmbedded(data._embedded?.errors),
    aboutUrl: linkHref(data._links, 'about'),
    isRetryable: statusRetryable || RETRYABLE_CODES.has(code.toLowerCase()),
    retryAfterMs,
  });
}

import type { z } from 'zod';
import { NetworkError, ResponseValidationError } from '../errors.js';
import { type FetchFunction, parseJsonText, parseRetryAfter, sendHttpRequest } from '../http.js';
import type { Logger } from '../logger.js';
import { withRetry } from '../retry.js';
import { parseResponse } from '../validate.js';
import { PlaidApiError } from './plaid-api-error.js';
import type { PlaidErrorBody } from './plaid-client-types.js';
import { PLAID_API_VERSION } from './plaid-environments.js';
import { toPlaidErrorBody } from './plaid-mappers.js';
import { exhaustedRetriesRemediation, remediationInContext } from './plaid-remediation-context.js';
import { plaidErrorBodySchema } from './plaid-schemas.js';

/** Everything the Plaid transport needs; credentials are resolved lazily at call time. */
export interface PlaidTransportConfig {
  baseUrl: string;
  /** A custom fetch, or undefined for core's default transport. */
  fetch: FetchFunction | undefined;
  timeoutMs: number;
  maxRetries: number;
  initialRetryDelayMs?: number | undefined;
  maxRetryDelayMs?: number | undefined;
  logger: Logger;
  credentials: () => { clientId: string; secret: string };
}

/** Sends one Plaid POST (with retries) and returns the validated body. */
export type PlaidSend = <S extends z.ZodType>(
  endpoint: string,
  body: Record<string, unknown>,
  schema: S,
  signal?: AbortSignal,
  maxRetries?: number,
) => Promise<z.output<S>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function syntheticErrorBody(status: number, wasJson: boolean, contentType: string): PlaidErrorBody {
  const what = wasJson
    ? 'a JSON body that is not a Plaid error object'
    : `a non-JSON body (${contentType || 'no content type'})`;
  const error_message = `Plaid answered HTTP ${status} with ${what}`;
  if (status >= 500) {
    return {
      error_type: 'API_ERROR',
      error_code: 'INTERNAL_SERVER_ERROR',
      error_message,
      display_message: null,
    };
  }
  if (status === 429) {
    return {
      error_type: 'RATE_LIMIT_EXCEEDED',
      error_code: 'RATE_LIMIT',
      error_message,
      display_message: null,
    };
  }
  if (status === 404) {
    return {
      error_type: 'INVALID_REQUEST',
      error_code: 'NOT_FOUND',
      error_message: `${error_message}; check baseUrl`,
      display_message: null,
    };
  }
  return {
    error_type: 'UNEXPECTED_RESPONSE',
    error_code: `HTTP_${status}`,
    error_message: `${error_message}; check baseUrl and any proxy in between`,
    display_message: null,
  };
}

/** Creates the function every Plaid client method sends its request through. */
export function createPlaidTransport(config: PlaidTransportConfig): PlaidSend {
  return async (endpoint, body, schema, signal, maxRetries) => {
    const { clientId, secret } = config.credentials();
    const payload = JSON.stringify(body);
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'PLAID-CLIENT-ID': clientId,
      'PLAID-SECRET': secret,
      'Plaid-Version': PLAID_API_VERSION,
    };
    // Set once an attempt got no answer: Plaid may have applied it, which explains some later errors.
    let answerLost = false;
    const retries = maxRetries ?? config.maxRetries;
    return withRetry(
      async (attempt) => {
        const response = await sendHttpRequest({
          provider: 'plaid',
          endpoint,
          url: `${config.baseUrl}${endpoint}`,
          method: 'POST',
          headers,
          body: payload,
          timeoutMs: config.timeoutMs,
          signal,
          fetch: config.fetch,
          logger: config.logger,
        }).catch((error: unknown) => {
          if (NetworkError.isInstance(error) && error.reason !== 'aborted') answerLost = true;
          throw error;
        });
        const parsed = parseJsonText(response.text);
        const bodyRequestId =
          parsed.ok && isRecord(parsed.value) && typeof parsed.value.request_id === 'string'
            ? parsed.value.request_id
            : undefined;
        const requestId = bodyRequestId ?? response.headers.get('x-request-id') ?? undefined;
        const context = { provider: 'plaid' as const, endpoint, status: response.status, requestId };
        if (response.status >= 200 && response.status < 300) {
          if (!parsed.ok) {
            throw new ResponseValidationError({
              ...context,
              issues: [{ path: '', message: 'expected a JSON body' }],
            });
          }
          return parseResponse(schema, parsed.value, context);
        }
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const errorBody = parsed.ok ? plaidErrorBodySchema.safeParse(parsed.value) : undefined;
        const plaidError = errorBody?.success
          ? toPlaidErrorBody(errorBody.data)
          : syntheticErrorBody(response.status, parsed.ok, response.headers.get('content-type') ?? '');
        const remediation = remediationInContext({
          endpoint,
          errorCode: plaidError.error_code,
          errorMessage: plaidError.error_message ?? '',
          answerLost,
        });
        const error = new PlaidApiError(plaidError, { ...context, retryAfterMs, remediation });
        if (!error.isRetryable || retries === 0 || attempt < retries) throw error;
        // The last attempt: the advice must say it was already retried.
        throw new PlaidApiError(plaidError, {
          ...context,
          retryAfterMs,
          remediation: exhaustedRetriesRemediation(response.status, attempt + 1, error.remediation ?? ''),
        });
      },
      {
        maxRetries: retries,
        initialDelayMs: config.initialRetryDelayMs,
        maxDelayMs: config.maxRetryDelayMs,
        signal,
        provider: 'plaid',
        endpoint,
        onRetry: ({ attempt, delayMs, error }) => {
          const code = (error as { code?: unknown }).code;
          const failedRequestId = (error as { requestId?: unknown }).requestId;
          config.logger.warn(
            `plaid ${endpoint} failed (${String(code)}); retry ${attempt} in ${delayMs} ms`,
            {
              provider: 'plaid',
              endpoint,
              attempt,
              delayMs,
              code,
              requestId: failedRequestId,
            },
          );
        },
      },
    );
  };
}

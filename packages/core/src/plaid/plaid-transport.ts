import type { z } from 'zod';
import { type FetchFunction, parseRetryAfter } from '../http.js';
import type { Logger } from '../logger.js';
import { createProviderPipeline } from '../pipeline/provider-pipeline.js';
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

/** Creates the function every Plaid client method sends its request through: a configuration of the pipeline. */
export function createPlaidTransport(config: PlaidTransportConfig): PlaidSend {
  const pipeline = createProviderPipeline({
    provider: 'plaid',
    baseUrl: config.baseUrl,
    fetch: config.fetch,
    timeoutMs: config.timeoutMs,
    retry: {
      maxRetries: config.maxRetries,
      initialDelayMs: config.initialRetryDelayMs,
      maxDelayMs: config.maxRetryDelayMs,
    },
    logger: config.logger,
    headers: () => {
      const { clientId, secret } = config.credentials();
      return {
        Accept: 'application/json',
        'PLAID-CLIENT-ID': clientId,
        'PLAID-SECRET': secret,
        'Plaid-Version': PLAID_API_VERSION,
      };
    },
    requestId: (response, json) =>
      (json.ok && isRecord(json.value) && typeof json.value.request_id === 'string'
        ? json.value.request_id
        : undefined) ??
      response.headers.get('x-request-id') ??
      undefined,
    toError: (response, { endpoint, attempt, maxRetries, answerLost, requestId, json }) => {
      const context = { provider: 'plaid' as const, endpoint, status: response.status, requestId };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const errorBody = json.ok ? plaidErrorBodySchema.safeParse(json.value) : undefined;
      const plaidError = errorBody?.success
        ? toPlaidErrorBody(errorBody.data)
        : syntheticErrorBody(response.status, json.ok, response.headers.get('content-type') ?? '');
      const remediation = remediationInContext({
        endpoint,
        errorCode: plaidError.error_code,
        errorMessage: plaidError.error_message ?? '',
        answerLost,
      });
      const error = new PlaidApiError(plaidError, { ...context, retryAfterMs, remediation });
      if (!error.isRetryable || maxRetries === 0 || attempt < maxRetries) return error;
      // The last attempt: the advice must say it was already retried.
      return new PlaidApiError(plaidError, {
        ...context,
        retryAfterMs,
        remediation: exhaustedRetriesRemediation(response.status, attempt + 1, error.remediation ?? ''),
      });
    },
  });
  return async (endpoint, body, schema, signal, maxRetries) =>
    (await pipeline.request({ method: 'POST', path: endpoint, body, signal, maxRetries }, schema)).data;
}

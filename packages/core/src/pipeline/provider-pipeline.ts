import type { z } from 'zod';
import { NetworkError, type ProviderName, ResponseValidationError } from '../errors.js';
import { type FetchFunction, type HttpResponse, parseJsonText, sendHttpRequest } from '../http.js';
import type { Logger } from '../logger.js';
import { withRetry } from '../retry.js';
import { parseResponse } from '../validate.js';

/** The retry policy of a pipeline: the one shape every client's `retry` setting resolves to. */
export interface PipelineRetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** Base of the exponential backoff in ms (default 250). */
  initialDelayMs?: number | undefined;
  /** Cap of one backoff delay in ms (default 8000). */
  maxDelayMs?: number | undefined;
  /** Longest Retry-After honoured in ms (default 60000); longer hints are not retried. */
  maxRetryAfterMs?: number | undefined;
}

/** What a provider's error handler learns about the failed attempt. */
export interface PipelineErrorContext {
  method: PipelineRequest['method'];
  endpoint: string;
  /** 0-based attempt number of this answer. */
  attempt: number;
  /** Retries this call may make in all. */
  maxRetries: number;
  /** Whether the request carried an idempotency key. */
  idempotent: boolean;
  /** Whether an earlier attempt got no answer (the provider may have applied it). */
  answerLost: boolean;
  /** The request id read from the answer, when there is one. */
  requestId: string | undefined;
  /** The answer's body as JSON, when it was JSON. */
  json: { ok: true; value: unknown } | { ok: false };
}

/** One provider's configuration of the pipeline: where, how to authenticate, how its errors look. */
export interface ProviderPipelineConfig {
  provider: ProviderName;
  /** Base URL without a trailing slash; a request's `path` is appended to it. */
  baseUrl: string;
  /** A custom fetch, or undefined for the runtime's default transport. */
  fetch: FetchFunction | undefined;
  timeoutMs: number;
  retry: PipelineRetryPolicy;
  logger: Logger;
  /** Headers sent with every attempt (content negotiation, version pins, credentials read lazily). */
  headers: (signal: AbortSignal | undefined) => Record<string, string> | Promise<Record<string, string>>;
  /** Turns a non-2xx answer into the provider's typed error (with remediation). */
  toError: (response: HttpResponse, context: PipelineErrorContext) => Error;
  /**
   * Called once per call on a 401: return true after renewing the credentials (e.g. an OAuth token) to
   * resend the attempt once with fresh `headers`; false to fail with `toError`.
   */
  renewOnUnauthorized?: (response: HttpResponse, error: Error, headers: Record<string, string>) => boolean;
  /** Reads a request id for errors and logs (default: the `X-Request-Id` header). */
  requestId?: (
    response: HttpResponse,
    json: { ok: true; value: unknown } | { ok: false },
  ) => string | undefined;
  /** Sees every validated 2xx JSON body (e.g. to check the environment an answer comes from); may throw. */
  inspect?: (json: unknown) => void;
  /** The error code to log on a retry (default: the error's `code`). */
  codeOf?: (error: unknown) => unknown;
}

/** One request through the pipeline. */
export interface PipelineRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path below `baseUrl`, or an absolute URL on it. */
  path: string;
  /** The id-free endpoint name, for errors and logs; `path` when omitted. */
  endpoint?: string | undefined;
  /** A JSON body (serialised once) or a ready string body. */
  body?: Record<string, unknown> | string | undefined;
  /** `Content-Type` of a body (default `application/json`). */
  contentType?: string | undefined;
  /** Sent as `Idempotency-Key`, the same on every attempt. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Overrides the policy's `maxRetries` for this call. */
  maxRetries?: number | undefined;
}

/** A validated answer. */
export interface PipelineResult<T> {
  status: number;
  data: T;
  requestId: string | undefined;
  headers: HttpResponse['headers'];
}

/** The one request pipeline: headers, body, idempotency key, timeout, abort, retry, typed errors, validation. */
export interface ProviderPipeline {
  /** Sends a request (with retries) and returns the raw 2xx answer; non-2xx answers throw the typed error. */
  send(request: PipelineRequest): Promise<HttpResponse>;
  /** Validates a 2xx answer's JSON body with `schema`. */
  parse<S extends z.ZodType>(
    schema: S,
    response: HttpResponse,
    endpoint: string,
  ): PipelineResult<z.output<S>>;
  /** `send` then `parse`, with the validation inside the retry loop's attempt. */
  request<S extends z.ZodType>(request: PipelineRequest, schema: S): Promise<PipelineResult<z.output<S>>>;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function headerRequestId(response: HttpResponse): string | undefined {
  return response.headers.get('x-request-id') ?? undefined;
}

/**
 * Creates the request pipeline a provider client is a configuration of: every attempt rebuilds its
 * headers, reuses the same body and idempotency key, runs under the shared timeout and the caller's
 * signal, and maps non-2xx answers to the provider's typed error; retryable errors are retried with
 * backoff and Retry-After through `withRetry`.
 */
export function createProviderPipeline(config: ProviderPipelineConfig): ProviderPipeline {
  const readRequestId = config.requestId ?? headerRequestId;
  const codeOf = config.codeOf ?? ((error: unknown) => (error as { code?: unknown } | undefined)?.code);

  function urlOf(path: string): string {
    return path.startsWith('http://') || path.startsWith('https://') ? path : `${config.baseUrl}${path}`;
  }

  function parse<S extends z.ZodType>(
    schema: S,
    response: HttpResponse,
    endpoint: string,
    json = parseJsonText(response.text),
  ): PipelineResult<z.output<S>> {
    const requestId = readRequestId(response, json);
    const context = { provider: config.provider, endpoint, status: response.status, requestId };
    if (!json.ok) {
      throw new ResponseValidationError({
        ...context,
        issues: [{ path: '', message: response.text.trim() === '' ? 'empty body' : 'expected a JSON body' }],
      });
    }
    const data = parseResponse(schema, json.value, context);
    config.inspect?.(json.value);
    return { status: response.status, data, requestId, headers: response.headers };
  }

  async function run<T>(request: PipelineRequest, onAnswer: (response: HttpResponse, endpoint: string) => T) {
    const endpoint = request.endpoint ?? request.path;
    const url = urlOf(request.path);
    const body =
      request.body === undefined || typeof request.body === 'string'
        ? request.body
        : JSON.stringify(request.body);
    const maxRetries = request.maxRetries ?? config.retry.maxRetries;
    const idempotent = request.idempotencyKey !== undefined;
    let answerLost = false;
    let renewed = false;

    async function attemptOnce(): Promise<{ response: HttpResponse; headers: Record<string, string> }> {
      const supplied = config.headers(request.signal);
      // Headers known synchronously (Plaid's) are not awaited: no extra turn of the microtask queue.
      const headers = { ...(isPromiseLike(supplied) ? await supplied : supplied) };
      if (body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
      if (request.idempotencyKey !== undefined) headers['Idempotency-Key'] = request.idempotencyKey;
      try {
        const response = await sendHttpRequest({
          provider: config.provider,
          endpoint,
          url,
          method: request.method,
          headers,
          body,
          timeoutMs: config.timeoutMs,
          signal: request.signal,
          fetch: config.fetch,
          logger: config.logger,
        });
        return { response, headers };
      } catch (error) {
        if (NetworkError.isInstance(error) && error.reason !== 'aborted') answerLost = true;
        throw error;
      }
    }

    return withRetry(
      async (attempt) => {
        let { response, headers } = await attemptOnce();
        const errorOf = (answer: HttpResponse): Error => {
          const json = parseJsonText(answer.text);
          return config.toError(answer, {
            method: request.method,
            endpoint,
            attempt,
            maxRetries,
            idempotent,
            answerLost,
            requestId: readRequestId(answer, json),
            json,
          });
        };
        if (response.status === 401 && !renewed && config.renewOnUnauthorized) {
          // The error is built once: it is the one thrown when the credentials are not renewed.
          const unauthorized = errorOf(response);
          if (!config.renewOnUnauthorized(response, unauthorized, headers)) throw unauthorized;
          renewed = true;
          ({ response, headers } = await attemptOnce());
        }
        if (response.status < 200 || response.status >= 300) throw errorOf(response);
        return onAnswer(response, endpoint);
      },
      {
        maxRetries,
        initialDelayMs: config.retry.initialDelayMs,
        maxDelayMs: config.retry.maxDelayMs,
        maxRetryAfterMs: config.retry.maxRetryAfterMs,
        signal: request.signal,
        provider: config.provider,
        endpoint,
        onRetry: ({ attempt, delayMs, error }) => {
          const code = codeOf(error);
          config.logger.warn(
            `${config.provider} ${request.method} ${endpoint} failed (${String(code)}); retry ${attempt} in ${delayMs} ms`,
            {
              provider: config.provider,
              endpoint,
              attempt,
              delayMs,
              code,
              requestId: (error as { requestId?: unknown } | undefined)?.requestId,
            },
          );
        },
      },
    );
  }

  return {
    send: (request) => run(request, (response) => response),
    parse: (schema, response, endpoint) => parse(schema, response, endpoint),
    request: (request, schema) => run(request, (response, endpoint) => parse(schema, response, endpoint)),
  };
}

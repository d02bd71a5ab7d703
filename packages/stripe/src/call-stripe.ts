import { ConfigError, type Logger } from '@achbridge/core';
import { parseResponse, raceAbort, withRetry } from '@achbridge/core/internal';
import type Stripe from 'stripe';
import type { z } from 'zod';
import { afterRetries, mapStripeError } from './map-stripe-error.js';
import type { StripeMode } from './mode-guard.js';

/** Retry tuning for Stripe calls (core's `withRetry`; the SDK's configurable retries are off). */
export interface StripeRetrySettings {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined;
  /** Base of the exponential backoff in ms (default 250). */
  initialDelayMs?: number | undefined;
  /** Cap of one backoff delay in ms (default 8000). */
  maxDelayMs?: number | undefined;
}

/** What every Stripe call needs. */
export interface StripeCallContext {
  stripe: Stripe;
  /**
   * The API version `stripe` sends: the one the adapter built it with (`stripe.apiVersion`, else the SDK's
   * pinned `Stripe.API_VERSION`), or the one declared next to a caller's own instance.
   */
  apiVersion: string;
  retry: StripeRetrySettings;
  logger: Logger;
  /** Per-attempt timeout passed to stripe-node, when set. */
  timeoutMs?: number | undefined;
  /**
   * The mode declared next to a caller's own Stripe instance (its key is never read): every answer that
   * carries `livemode` must agree, or the call fails with a ConfigError (`STRIPE_MODE_MISMATCH`).
   */
  declaredMode?: StripeMode | undefined;
}

/** Options of one `callStripe` request (key, signal, per-request API version). */
export interface StripeRequestOptions {
  /** Sent on every attempt of this call, unchanged. */
  idempotencyKey?: string | undefined;
  /** Stops the call and any pending retry at once. */
  signal?: AbortSignal | undefined;
  /** The `Stripe-Version` of this call only (stripe-node's per-request `apiVersion`), e.g. a preview version. */
  apiVersion?: string | undefined;
}

/** Throws when a Stripe object's `livemode` contradicts the mode declared next to a Stripe instance. */
function assertDeclaredMode(answer: unknown, declaredMode: StripeMode | undefined, endpoint: string): void {
  if (declaredMode === undefined || typeof answer !== 'object' || answer === null) return;
  const livemode = (answer as { livemode?: unknown }).livemode;
  if (typeof livemode !== 'boolean' || livemode === (declaredMode === 'live')) return;
  throw new ConfigError(
    `\`mode\` is '${declaredMode}' but Stripe answered ${endpoint} with a ${livemode ? 'live' : 'test'} mode object: the Stripe instance's key is a ${livemode ? 'live' : 'test'} mode key. Pass the mode of the instance's key.`,
    { code: 'STRIPE_MODE_MISMATCH' },
  );
}

function lastResponseOf(value: unknown): { requestId?: string; statusCode?: number } {
  if (typeof value !== 'object' || value === null) return {};
  const last = (value as { lastResponse?: { requestId?: unknown; statusCode?: unknown } }).lastResponse;
  return {
    ...(typeof last?.requestId === 'string' ? { requestId: last.requestId } : {}),
    ...(typeof last?.statusCode === 'number' ? { statusCode: last.statusCode } : {}),
  };
}

/**
 * Calls Stripe through `send` with core's `withRetry`: the SDK's retries are disabled per request, the
 * same idempotency key goes out on every attempt, errors become achbridge errors and the answer is
 * validated with `schema` (a malformed answer is a ResponseValidationError, never undefined).
 */
export async function callStripe<S extends z.ZodType>(
  context: StripeCallContext,
  endpoint: string,
  schema: S,
  send: (stripe: Stripe, requestOptions: Stripe.RequestOptions) => Promise<unknown>,
  options: StripeRequestOptions = {},
): Promise<z.output<S>> {
  const requestOptions: Stripe.RequestOptions = {
    maxNetworkRetries: 0,
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    ...(context.timeoutMs === undefined ? {} : { timeout: context.timeoutMs }),
    ...(options.apiVersion === undefined ? {} : { apiVersion: options.apiVersion }),
  };
  let attempts = 0;
  return withRetry(
    async () => {
      attempts += 1;
      let answer: unknown;
      try {
        answer = await raceAbort(
          send(context.stripe, { ...requestOptions }),
          options.signal,
          'stripe',
          endpoint,
        );
      } catch (error) {
        throw mapStripeError(error, endpoint);
      }
      assertDeclaredMode(answer, context.declaredMode, endpoint);
      const last = lastResponseOf(answer);
      return parseResponse(schema, answer, {
        provider: 'stripe',
        endpoint,
        status: last.statusCode,
        requestId: last.requestId,
      });
    },
    {
      ...(context.retry.maxRetries === undefined ? {} : { maxRetries: context.retry.maxRetries }),
      ...(context.retry.initialDelayMs === undefined ? {} : { initialDelayMs: context.retry.initialDelayMs }),
      ...(context.retry.maxDelayMs === undefined ? {} : { maxDelayMs: context.retry.maxDelayMs }),
      signal: options.signal,
      provider: 'stripe',
      endpoint,
      onRetry: ({ attempt, delayMs, error }) =>
        context.logger.warn(`stripe ${endpoint}: retrying (attempt ${attempt + 1}) in ${delayMs} ms`, {
          provider: 'stripe',
          endpoint,
          error: error instanceof Error ? error.message : String(error),
        }),
    },
  ).catch((error: unknown) => {
    throw afterRetries(error, attempts);
  });
}

import type { IdempotencyStore } from '../kernel/idempotency-store.js';
import { isValidPercentEncoding } from '../safe-json.js';
import type { EmulatorRequest, EmulatorResponse, ModuleContext } from '../types.js';
import { decodeStripeForm, type FormHash } from './form-decode.js';
import { readStripeVersion } from './stripe-api-version.js';
import { authenticateStripe } from './stripe-auth.js';
import type { StripeModuleOptions } from './stripe-context.js';
import { StripeApiError, stripeErrorBody } from './stripe-errors.js';
import { checkIdempotencyKey, paramsFingerprint } from './stripe-idempotency.js';
import { createStripeId } from './stripe-ids.js';
import { STRIPE_ROUTER } from './stripe-routes.js';
import type { StripeState } from './stripe-state.js';

function readParams(request: EmulatorRequest, method: string): FormHash {
  if (method !== 'POST') return decodeStripeForm(request.query);
  const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
  const body = request.rawBody.toString('utf8');
  if (
    body.length > 0 &&
    contentType.length > 0 &&
    !contentType.startsWith('application/x-www-form-urlencoded')
  ) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      message: `Invalid request: unsupported Content-Type ${contentType.split(';')[0]}. Stripe's v1 API takes form-encoded (application/x-www-form-urlencoded) parameters.`,
    });
  }
  if (!isValidPercentEncoding(body)) {
    throw new StripeApiError(400, {
      type: 'invalid_request_error',
      message: 'Invalid request: the form-encoded body has invalid percent-encoding.',
    });
  }
  const merged = new URLSearchParams(request.query);
  for (const [key, value] of new URLSearchParams(body)) merged.append(key, value);
  return decodeStripeForm(merged);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorResponse(error: unknown): { status: number; body: unknown } {
  if (error instanceof StripeApiError) return { status: error.status, body: stripeErrorBody(error.fields) };
  return {
    status: 500,
    body: stripeErrorBody({
      type: 'api_error',
      message:
        'An unexpected error occurred inside the emulated Stripe. This is an emulator bug; please report it.',
    }),
  };
}

/**
 * Runs one request through the emulated Stripe: authentication, routing, form decoding, idempotent replay
 * and the endpoint handler. Always answers (Stripe-shaped errors, never a throw) with a `request-id` header.
 */
export function dispatchStripeRequest(
  request: EmulatorRequest,
  state: StripeState,
  module: ModuleContext,
  options: StripeModuleOptions,
  idempotency: IdempotencyStore,
): EmulatorResponse {
  const requestId = createStripeId('req');
  const headers: Record<string, string> = { 'request-id': requestId };
  try {
    const caller = authenticateStripe(request.headers, module.credentials.stripe);
    const apiVersion = readStripeVersion(
      headerValue(request.headers['stripe-version']),
      options.accountApiVersion,
    );
    headers['stripe-version'] = apiVersion;
    const method = request.method.toUpperCase();
    const match = STRIPE_ROUTER.match(method, request.path);
    // Stripe answers an unknown URL and a known URL with another method alike: 404 Unrecognized request URL.
    if (match.kind !== 'found') {
      throw new StripeApiError(404, {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: /v1${request.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      });
    }
    const params = readParams(request, method);
    const idempotencyKey = method === 'POST' ? headerValue(request.headers['idempotency-key']) : undefined;
    const endpoint = `${method} /v1${request.path}`;
    const idempotent = { request, scope: caller.apiKey, endpoint, fingerprint: paramsFingerprint(params) };
    if (idempotencyKey !== undefined) {
      headers['idempotency-key'] = idempotencyKey;
      checkIdempotencyKey(idempotencyKey);
      const replayed = idempotency.replay(idempotent);
      if (replayed !== undefined) {
        return { status: replayed.status, headers: { ...headers, ...replayed.headers }, body: replayed.body };
      }
    }
    const context = { caller, apiVersion, params, pathParams: match.params, state, module, options };
    let result: { status: number; body: unknown };
    let store = true;
    try {
      result = match.route.handler(context);
    } catch (error) {
      // Stripe keeps results once an endpoint starts executing, but not parameter validation failures.
      store = error instanceof StripeApiError && error.phase === 'execution';
      result = errorResponse(error);
    }
    if (idempotencyKey !== undefined && store) idempotency.remember(idempotent, result, requestId);
    return { status: result.status, headers, body: result.body };
  } catch (error) {
    const { status, body } = errorResponse(error);
    return { status, headers, body };
  }
}

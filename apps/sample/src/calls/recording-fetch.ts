import type { FetchFunction } from '@achbridge/core';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { functionSchema } from '../validation/function-schema.js';
import { isRecordingCalls, recordCall } from './call-context.js';
import type { CallProvider } from './provider-call.js';

const optionsSchema = z.object({
  provider: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a provider key such as plaid or modern_treasury'),
  fetch: functionSchema<FetchFunction>(),
  /** Prefix removed from the recorded path (e.g. the emulator's `/plaid`). */
  basePath: z.string().default(''),
});

async function requestIdOf(provider: CallProvider, response: Response): Promise<string | null> {
  // Stripe answers with `Request-Id`, Dwolla and Modern Treasury with `X-Request-Id`.
  const header = response.headers.get('request-id') ?? response.headers.get('x-request-id');
  if (header) return header;
  if (provider !== 'plaid') return null;
  // Plaid puts request_id in the JSON body; read a clone so the client still gets the original.
  try {
    const body: unknown = await response.clone().json();
    const id = (body as { request_id?: unknown } | null)?.request_id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Wraps a fetch function so each call is recorded (method, path, status, request id) for the flow that is
 * running; bodies, headers and query strings are never recorded.
 */
export function createRecordingFetch(options: {
  provider: CallProvider;
  fetch: FetchFunction;
  basePath?: string;
}): FetchFunction {
  const { provider, fetch: inner, basePath } = parseInput('createRecordingFetch', optionsSchema, options);
  return async (input, init) => {
    // Outside a flow nothing would be recorded: skip the URL parsing and the body clone altogether.
    if (!isRecordingCalls()) return inner(input, init);
    const url = new URL(typeof input === 'string' ? input : input.toString());
    const endpoint =
      basePath !== '' && url.pathname.startsWith(basePath)
        ? url.pathname.slice(basePath.length)
        : url.pathname;
    const method = init?.method?.toUpperCase() ?? 'GET';
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      recordCall({ provider, method, endpoint, status: null, requestId: null });
      throw error;
    }
    recordCall({
      provider,
      method,
      endpoint,
      status: response.status,
      requestId: await requestIdOf(provider, response),
    });
    return response;
  };
}

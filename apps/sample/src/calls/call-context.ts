import { AsyncLocalStorage } from 'node:async_hooks';
import { parseInput, REDACTED, redactSecrets } from '@achbridge/core';
import { z } from 'zod';
import { functionSchema } from '../validation/function-schema.js';
import type { ProviderCall } from './provider-call.js';

/** Receives the provider calls made while a flow runs. */
export type CallSink = (call: ProviderCall) => void;

const storage = new AsyncLocalStorage<CallSink>();
/** The calls of the HTTP request being served (for the request log), independent of any flow's sink. */
const requestStorage = new AsyncLocalStorage<CallSink>();

const callSinkArgsSchema = z.object({
  sink: functionSchema<CallSink>(),
  work: functionSchema<() => Promise<unknown>>(),
});

/** Runs `work` so that every provider call it makes (directly or through adapters) reaches `sink`. */
export function withCallSink<T>(sink: CallSink, work: () => Promise<T>): Promise<T> {
  parseInput('withCallSink', callSinkArgsSchema, { sink, work });
  return storage.run(sink, work);
}

const callSchema = z.object({
  provider: z.enum(['plaid', 'stripe', 'dwolla', 'modern_treasury']),
  method: z.string().min(1),
  endpoint: z.string(),
  status: z.number().int().nullable(),
  requestId: z.string().nullable(),
});

/** Token shapes that may appear in a provider path (Stripe's `GET /v1/tokens/btok_...`) and are secret. */
const PATH_SECRETS = /\b(?:btok|tok|ba_tok)_[A-Za-z0-9]+/g;

const endpointSchema = z.string();

/** Removes secrets from a recorded path: registered secrets, token shapes, and any query string. */
export function sanitizeEndpoint(endpoint: string): string {
  const path = parseInput('sanitizeEndpoint', endpointSchema, endpoint).split('?')[0] ?? '';
  return redactSecrets(path).replace(PATH_SECRETS, REDACTED);
}

/** Runs `work` (serving one HTTP request) so that every provider call it makes also reaches `sink`. */
export function withRequestCalls<T>(sink: CallSink, work: () => Promise<T>): Promise<T> {
  parseInput('withRequestCalls', callSinkArgsSchema, { sink, work });
  return requestStorage.run(sink, work);
}

/** Whether a flow or a request log listens here, i.e. whether a call made now would be recorded at all. */
export function isRecordingCalls(): boolean {
  return storage.getStore() !== undefined || requestStorage.getStore() !== undefined;
}

/** Hands `call` (its path sanitized) to the sink of the flow that is running and the request log, if any. */
export function recordCall(call: ProviderCall): void {
  const sink = storage.getStore();
  const requestSink = requestStorage.getStore();
  if (sink === undefined && requestSink === undefined) return;
  const valid = parseInput('recordCall', callSchema, call);
  const sanitized = { ...valid, endpoint: sanitizeEndpoint(valid.endpoint) };
  sink?.(sanitized);
  requestSink?.(sanitized);
}

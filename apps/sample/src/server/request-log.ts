import { performance } from 'node:perf_hooks';
import { parseInput } from '@achbridge/core';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { sanitizeEndpoint, withRequestCalls } from '../calls/call-context.js';
import type { ProviderCall } from '../calls/provider-call.js';
import { functionSchema } from '../validation/function-schema.js';

/** Where request-log lines go (the server prints them on stdout). */
export type RequestLogWriter = (line: string) => void;

function callText(call: ProviderCall): string {
  return `${call.provider} ${call.method} ${call.endpoint} ${call.status ?? 'no answer'} ${call.requestId ?? 'no request id'}`;
}

/**
 * A middleware that writes one line per API request once it is answered: method, path (no query string,
 * secrets redacted), status, milliseconds, and each provider call it made with its request id. Bodies,
 * headers and tokens are never logged.
 */
export function createRequestLog(write: RequestLogWriter): MiddlewareHandler {
  parseInput('createRequestLog', z.object({ write: functionSchema<RequestLogWriter>() }), { write });
  return async (c, next) => {
    const started = performance.now();
    const calls: ProviderCall[] = [];
    try {
      await withRequestCalls((call) => calls.push(call), next);
    } finally {
      const ms = Math.round(performance.now() - started);
      const provider = calls.length === 0 ? '' : ` · ${calls.map(callText).join('; ')}`;
      write(`${c.req.method} ${sanitizeEndpoint(c.req.path)} ${c.res.status} ${ms} ms${provider}`);
    }
  };
}

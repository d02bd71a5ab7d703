import { randomUUID } from 'node:crypto';
import { answerFault, type FaultAnswerSpec, faultFieldsFor, faultPageTitle } from '../kernel/fault-answer.js';
import type { EmulatorResponse, FaultErrorOptions } from '../types.js';
import { DWOLLA_CONTENT_TYPE } from './dwolla-media.js';

const FAULT_BODIES: Record<number, { code: string; message: string }> = {
  400: { code: 'BadRequest', message: 'The request body contains bad syntax or is incomplete.' },
  401: { code: 'InvalidAccessToken', message: 'Invalid access token.' },
  403: { code: 'Forbidden', message: 'The supplied credentials are not authorized for this resource.' },
  404: { code: 'NotFound', message: 'The requested resource was not found.' },
  405: { code: 'MethodNotAllowed', message: 'Method not allowed.' },
  406: { code: 'InvalidVersion', message: 'Missing or invalid API version.' },
  409: {
    code: 'Conflict',
    message: 'The original request with this Idempotency-Key is still being processed.',
  },
  429: {
    code: 'TooManyRequests',
    message: 'Please wait a short period of time before re-attempting the request.',
  },
  504: { code: 'RequestTimeout', message: 'The request timed out.' },
};

const REASONS: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

function htmlPage(status: number): string {
  const title = faultPageTitle(status, REASONS);
  return [
    '<html>',
    `<head><title>${title}</title></head>`,
    '<body>',
    `<center><h1>${title}</h1></center>`,
    '<hr><center>cloudflare</center>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}

/**
 * Dwolla's answer for an injected failure: `{code, message}` bodies (429 `TooManyRequests`, 5xx
 * `ServerError` with an error id, 504 `RequestTimeout`), `Retry-After` when given, or with `html` an HTML
 * page like the Cloudflare 5xx pages Dwolla's edge returns during outages.
 */
export function dwollaFaultResponse(status: number, options: FaultErrorOptions): EmulatorResponse {
  return answerFault(status, options, DWOLLA_FAULTS);
}

const DWOLLA_FAULTS: FaultAnswerSpec = {
  html: (status) => ({
    headers: { 'content-type': 'text/html', server: 'cloudflare' },
    body: htmlPage(status),
  }),
  json: (status) => ({
    headers: { 'content-type': DWOLLA_CONTENT_TYPE },
    body: faultFieldsFor(status, FAULT_BODIES, {
      server: () => ({ code: 'ServerError', message: `A server error occurred. Error ID: ${randomUUID()}` }),
      client: () => ({
        code: 'BadRequest',
        message: 'The request body contains bad syntax or is incomplete.',
      }),
    }),
  }),
};

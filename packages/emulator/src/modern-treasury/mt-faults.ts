import { answerFault, type FaultAnswerSpec, faultFieldsFor, faultPageTitle } from '../kernel/fault-answer.js';
import type { EmulatorResponse, FaultErrorOptions } from '../types.js';

const FAULT_BODIES: Record<number, { code: string; message: string }> = {
  400: { code: 'parameter_invalid', message: 'The request could not be read' },
  401: { code: 'unauthorized', message: 'The API key was invalid.' },
  403: { code: 'forbidden', message: 'The account does not have access to the requested resource.' },
  404: { code: 'resource_not_found', message: 'Resource not found' },
  409: { code: 'conflict', message: 'The request conflicts with another request.' },
  422: { code: 'parameter_invalid', message: 'Data was invalid or missing required parameters.' },
  429: { code: 'rate_limit_exceeded', message: 'The account has issued too many requests.' },
};

const REASONS: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Modern Treasury's answer for an injected failure: its error body `{ errors: { code, message, parameter } }`
 * with the status's meaning from the "Status codes" reference, `Retry-After` when given, or with `html`
 * an HTML page like a proxy in front of the API would send.
 */
export function mtFaultResponse(status: number, options: FaultErrorOptions): EmulatorResponse {
  return answerFault(status, options, MT_FAULTS);
}

const MT_FAULTS: FaultAnswerSpec = {
  html(status) {
    const title = faultPageTitle(status, REASONS);
    return {
      headers: { 'content-type': 'text/html' },
      body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`,
    };
  },
  json(status) {
    const fields = faultFieldsFor(status, FAULT_BODIES, {
      server: () => ({
        code: 'server_error',
        message: 'Our server encountered an error while processing your request.',
      }),
      client: () => ({ code: 'parameter_invalid', message: 'The request could not be processed.' }),
    });
    return { body: { errors: { ...fields, parameter: null } } };
  },
};

import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../types.js';
import { DWOLLA_CONTENT_TYPE } from './dwolla-media.js';

/** A HAL link as Dwolla writes it. */
export interface DwollaHalLink {
  href: string;
  type?: string;
  'resource-type'?: string;
}

/** One entry of `_embedded.errors[]` in a Dwolla `ValidationError`. */
export interface DwollaEmbeddedError {
  /** Detail code: `Required`, `Invalid`, `InvalidFormat`, `Duplicate`, `ReadOnly`, `NotAllowed`, ... */
  code: string;
  message: string;
  /** JSON pointer to the offending request field, e.g. `/email`. */
  path: string;
  _links: Record<string, DwollaHalLink>;
}

/** A Dwolla error answer; handlers throw it and the module turns it into a response. */
export class DwollaApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(typeof body['message'] === 'string' ? body['message'] : `Dwolla error ${status}`);
    this.name = 'DwollaApiError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  /** The HTTP response for this error. */
  toResponse(): EmulatorResponse {
    return {
      status: this.status,
      headers: { 'content-type': DWOLLA_CONTENT_TYPE, ...this.headers },
      body: this.body,
    };
  }
}

/** A plain `{code, message}` Dwolla error. */
export function dwollaError(status: number, code: string, message: string): DwollaApiError {
  return new DwollaApiError(status, { code, message });
}

/** 404 `NotFound` with a resource-specific message. */
export function notFound(message = 'The requested resource was not found.'): DwollaApiError {
  return dwollaError(404, 'NotFound', message);
}

/** 400 `BadRequest` for bodies that are not a JSON object. */
export function badRequest(
  message = 'The request body contains bad syntax or is incomplete.',
): DwollaApiError {
  return dwollaError(400, 'BadRequest', message);
}

/** One embedded validation error; `_links` carries e.g. `about` for duplicates. */
export function embeddedError(
  code: string,
  message: string,
  path: string,
  links: Record<string, DwollaHalLink> = {},
): DwollaEmbeddedError {
  return { code, message, path, _links: links };
}

/** 400 `ValidationError` carrying the embedded errors list. */
export function validationError(errors: readonly DwollaEmbeddedError[]): DwollaApiError {
  return new DwollaApiError(400, {
    code: 'ValidationError',
    message: 'Validation error(s) present. See embedded errors list for more details.',
    _embedded: { errors: [...errors] },
  });
}

/** 500 `ServerError` with a fresh error id, as Dwolla words it. */
export function serverError(): DwollaApiError {
  return dwollaError(500, 'ServerError', `A server error occurred. Error ID: ${randomUUID()}`);
}

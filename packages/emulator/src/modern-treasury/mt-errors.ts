import type { EmulatorResponse } from '../types.js';

/**
 * A Modern Treasury error answer. Modern Treasury's "Errors" reference documents the body
 * `{ "errors": { "code": "resource_not_found", "message": "Resource not found", "parameter": "id" } }`
 * with the codes `parameter_invalid`, `parameter_missing` and `resource_not_found`; its "Status codes"
 * reference gives 401 (invalid API key), 404, 409 (conflicts with another request), 422 (invalid or
 * missing parameters) and 429.
 */
export class ModernTreasuryEmulatorError extends Error {
  /** Creates the error; `parameter` names the offending request field, or null. */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter: string | null,
  ) {
    super(message);
    this.name = 'ModernTreasuryEmulatorError';
  }

  /** The HTTP answer: the status and `{ errors: { code, message, parameter } }`. */
  toResponse(): EmulatorResponse {
    return {
      status: this.status,
      body: { errors: { code: this.code, message: this.message, parameter: this.parameter } },
    };
  }
}

/** 422 `parameter_missing` for a required field. */
export function parameterMissing(parameter: string): ModernTreasuryEmulatorError {
  return new ModernTreasuryEmulatorError(422, 'parameter_missing', `${parameter} is missing`, parameter);
}

/** 422 `parameter_invalid` for a field with a bad value. */
export function parameterInvalid(parameter: string, message: string): ModernTreasuryEmulatorError {
  return new ModernTreasuryEmulatorError(422, 'parameter_invalid', message, parameter);
}

/** 404 `resource_not_found`, as the Errors reference shows it. */
export function resourceNotFound(parameter = 'id'): ModernTreasuryEmulatorError {
  return new ModernTreasuryEmulatorError(404, 'resource_not_found', 'Resource not found', parameter);
}

/** 401 for missing or wrong Basic credentials (organization id and API key). */
export function unauthorized(): ModernTreasuryEmulatorError {
  return new ModernTreasuryEmulatorError(
    401,
    'unauthorized',
    'The API key was invalid. Authenticate with HTTP Basic: your organization ID as the username and an API key as the password.',
    null,
  );
}

/** 500 for an unexpected emulator failure (never expected; keeps the provider's error shape). */
export function serverError(): ModernTreasuryEmulatorError {
  return new ModernTreasuryEmulatorError(500, 'server_error', 'Our server encountered an error.', null);
}

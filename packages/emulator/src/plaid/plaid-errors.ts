import { PLAID_ERROR_TABLE, type PlaidErrorTableEntry } from './plaid-error-table.generated.js';

/** A Plaid error object as it appears in API answers (without `request_id`) and in Item.error. */
export interface PlaidErrorFields {
  error_type: string;
  error_code: string;
  error_message: string;
  display_message: string | null;
}

/** Error codes that Sandbox's `error_<CODE>` passwords can force at Item creation. */
export const SANDBOX_CREDENTIAL_ERROR_CODES: readonly string[] = [
  'INVALID_CREDENTIALS',
  'INVALID_MFA',
  'INVALID_SEND_METHOD',
  'ITEM_LOCKED',
  'ITEM_NOT_SUPPORTED',
  'MFA_NOT_SUPPORTED',
  'NO_ACCOUNTS',
  'INSUFFICIENT_CREDENTIALS',
  'USER_SETUP_REQUIRED',
  'ITEM_LOGIN_REQUIRED',
  'COUNTRY_NOT_SUPPORTED',
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'INSTITUTION_NOT_AVAILABLE',
  'INSTITUTION_NO_LONGER_SUPPORTED',
  'INTERNAL_SERVER_ERROR',
];

/** A Plaid error answer travelling up to the module, which adds the request id. */
export class PlaidApiError extends Error {
  /** HTTP status. */
  readonly status: number;
  /** The error body fields. */
  readonly fields: PlaidErrorFields;

  constructor(status: number, fields: PlaidErrorFields) {
    super(fields.error_message);
    this.name = 'PlaidApiError';
    this.status = status;
    this.fields = fields;
  }
}

/** Builds the catalogue error `code`, optionally with a more specific developer message. */
export function plaidError(code: string, message?: string): PlaidApiError {
  const known = Object.hasOwn(PLAID_ERROR_TABLE, code);
  const entry = PLAID_ERROR_TABLE[known ? code : 'INTERNAL_SERVER_ERROR'] as PlaidErrorTableEntry;
  return new PlaidApiError(entry.status, {
    error_type: entry.type,
    error_code: known ? code : 'INTERNAL_SERVER_ERROR',
    error_message: message ?? entry.message,
    display_message: entry.display,
  });
}

/** The Plaid error an injected HTTP status maps to (used by faults). */
export function plaidErrorForStatus(status: number): PlaidApiError {
  let error: PlaidApiError;
  if (status === 429) error = plaidError('RATE_LIMIT');
  else if (status === 503) error = plaidError('PLANNED_MAINTENANCE');
  else if (status >= 500) error = plaidError('INTERNAL_SERVER_ERROR');
  else if (status === 404) error = plaidError('NOT_FOUND');
  else if (status === 413) error = plaidError('INVALID_BODY', 'request body is too large');
  else if (status === 401 || status === 403) error = plaidError('INVALID_API_KEYS');
  else error = plaidError('INVALID_FIELD');
  return new PlaidApiError(status, error.fields);
}

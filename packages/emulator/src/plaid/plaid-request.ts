import { isPlainObject } from '../input-validation.js';
import { MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json.js';
import type { EmulatorCredentials, EmulatorRequest } from '../types.js';
import { plaidError } from './plaid-errors.js';
import type { PlaidBody } from './plaid-route.js';

/**
 * Parses a Plaid request body (INVALID_BODY unless it is a JSON object) and checks the API keys, read from
 * the `PLAID-CLIENT-ID` / `PLAID-SECRET` headers or the `client_id` / `secret` body fields.
 */
export function parsePlaidRequest(
  request: EmulatorRequest,
  credentials: EmulatorCredentials['plaid'],
): PlaidBody {
  const contentType = request.headers['content-type'];
  if (contentType !== undefined && !/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    throw plaidError('INVALID_BODY', 'the request content-type must be application/json');
  }
  const result = parseJsonSafely(request.rawBody.toString('utf8'));
  if (!result.ok) {
    throw result.reason === 'too_deep'
      ? plaidError('INVALID_BODY', `the body is nested more than ${MAX_JSON_DEPTH} levels deep`)
      : plaidError('INVALID_BODY');
  }
  const parsed = result.value;
  if (!isPlainObject(parsed)) throw plaidError('INVALID_BODY', 'body must be a JSON object');
  const clientId = credential(request.headers['plaid-client-id'], parsed['client_id'], 'client_id');
  const secret = credential(request.headers['plaid-secret'], parsed['secret'], 'secret');
  const missing = [clientId === undefined ? 'client_id' : '', secret === undefined ? 'secret' : ''].filter(
    Boolean,
  );
  if (missing.length > 0) {
    throw plaidError('MISSING_FIELDS', `the following required fields are missing: ${missing.join(', ')}`);
  }
  if (clientId !== credentials.clientId || secret !== credentials.secret)
    throw plaidError('INVALID_API_KEYS');
  return parsed;
}

function credential(header: string | string[] | undefined, field: unknown, name: string): string | undefined {
  if (field !== undefined && field !== null && typeof field !== 'string') {
    throw plaidError('INVALID_FIELD', `${name} must be a string`);
  }
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const value = fromHeader !== undefined && fromHeader !== '' ? fromHeader : field;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

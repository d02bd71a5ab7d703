import { EmulatorInputError } from '../emulator-errors.js';
import { MAX_JSON_DEPTH, parseJsonSafely } from '../safe-json.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';

/** Parses a control request's JSON body (empty body means `{}`), or throws an input error. */
export function parseControlJson(request: EmulatorRequest): unknown {
  if (request.rawBody.length === 0) return Object.create(null);
  const result = parseJsonSafely(request.rawBody.toString('utf8'));
  if (result.ok) return result.value;
  throw new EmulatorInputError(
    'body',
    result.reason === 'too_deep'
      ? `must be nested at most ${MAX_JSON_DEPTH} levels deep`
      : 'must be valid JSON',
  );
}

/** The control API's error answer: `{ error: { code, message, field? } }`. */
export function controlError(
  status: number,
  code: string,
  message: string,
  field?: string,
): EmulatorResponse {
  return { status, body: { error: field === undefined ? { code, message } : { code, message, field } } };
}

import { EmulatorInputError } from '../emulator-errors.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';

/** Parses a control request's JSON body (empty body means `{}`), or throws an input error. */
export function parseControlJson(request: EmulatorRequest): unknown {
  if (request.rawBody.length === 0) return {};
  try {
    return JSON.parse(request.rawBody.toString('utf8'));
  } catch {
    throw new EmulatorInputError('body', 'must be valid JSON');
  }
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

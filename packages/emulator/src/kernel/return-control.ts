import { controlError, parseControlJson } from '../control/control-json.js';
import { EmulatorInputError } from '../emulator-errors.js';
import { readObject, rejectUnknownKeys } from '../input-validation.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';

/** A provider's control route that returns one payment now with an ACH return code (body `{ "code": "R01" }`). */
export interface ReturnControlRoute {
  /** The route's path relative to the control mount; its first capture group is the percent-encoded payment id. */
  pattern: RegExp;
  /** What the 404 for any other control request calls the provider's routes, e.g. `Acme control route`. */
  label: string;
  /** Returns payment `id` with `code` (trimmed, upper-cased, `R` and two digits) and answers the control result. */
  returnPayment(id: string, code: string): EmulatorResponse;
}

/**
 * Answers a request to a provider's return control route: 404 `not_found` for another path or method, 400
 * `invalid_input` for a bad body or code (also when `returnPayment` throws an input error), else its answer.
 */
export function handleReturnControl(request: EmulatorRequest, route: ReturnControlRoute): EmulatorResponse {
  try {
    const match = route.pattern.exec(request.path);
    if (match === null || request.method !== 'POST') {
      return controlError(404, 'not_found', `No ${route.label} ${request.method} ${request.path}.`);
    }
    const body = readObject(parseControlJson(request), 'body');
    rejectUnknownKeys(body, ['code'], 'body');
    const code = typeof body['code'] === 'string' ? body['code'].trim().toUpperCase() : '';
    if (!/^R\d{2}$/.test(code))
      throw new EmulatorInputError('code', 'must be an ACH return code such as R01');
    return route.returnPayment(decodeURIComponent(match[1] as string), code);
  } catch (error) {
    if (error instanceof EmulatorInputError)
      return controlError(400, 'invalid_input', error.message, error.field);
    throw error;
  }
}

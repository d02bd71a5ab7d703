import { controlError, parseControlJson } from '../control/control-json.js';
import { EmulatorInputError } from '../emulator-errors.js';
import { readObject, rejectUnknownKeys } from '../input-validation.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import type { DwollaContext } from './dwolla-context.js';
import { failTransfer, settleDueTransfers } from './dwolla-transfer-settlement.js';

const RETURN_ROUTE = /^\/transfers\/([^/]+)\/return$/;

/**
 * Dwolla control routes under `/__emulator/dwolla`: `POST /transfers/:id/return` with `{ "code": "R01" }`
 * returns a pending or processed transfer now with that ACH return code (Dwolla reports returns that arrive
 * after `processed` by moving the transfer to `failed`), recording and delivering the `*_failed` events.
 */
export async function handleDwollaControl(
  context: DwollaContext,
  request: EmulatorRequest,
): Promise<EmulatorResponse> {
  try {
    const match = RETURN_ROUTE.exec(request.path);
    if (match === null || request.method !== 'POST') {
      return controlError(404, 'not_found', `No Dwolla control route ${request.method} ${request.path}.`);
    }
    const body = readObject(parseControlJson(request), 'body');
    rejectUnknownKeys(body, ['code'], 'body');
    const code = typeof body['code'] === 'string' ? body['code'].trim().toUpperCase() : '';
    if (!/^R\d{2}$/.test(code))
      throw new EmulatorInputError('code', 'must be an ACH return code such as R01');
    settleDueTransfers(context);
    const id = decodeURIComponent(match[1] as string).toLowerCase();
    const transfer = context.state.transfers.get(id);
    if (transfer === undefined) return controlError(404, 'transfer_not_found', `No Dwolla transfer ${id}.`);
    if (transfer.status !== 'pending' && transfer.status !== 'processed') {
      return controlError(
        409,
        'transfer_not_returnable',
        `Transfer ${id} is ${transfer.status}; only pending or processed transfers can be returned.`,
      );
    }
    transfer.lateReturnAt = undefined;
    failTransfer(context, transfer, code, context.clock.now());
    return {
      status: 200,
      body: { transfer: { id: transfer.id, status: transfer.status, failure: { code } } },
    };
  } catch (error) {
    if (error instanceof EmulatorInputError)
      return controlError(400, 'invalid_input', error.message, error.field);
    throw error;
  }
}

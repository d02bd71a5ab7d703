import { controlError } from '../control/control-json.js';
import { handleReturnControl } from '../kernel/return-control.js';
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
  return handleReturnControl(request, {
    pattern: RETURN_ROUTE,
    label: 'Dwolla control route',
    returnPayment: (id, code) => returnTransfer(context, id.toLowerCase(), code),
  });
}

function returnTransfer(context: DwollaContext, id: string, code: string): EmulatorResponse {
  settleDueTransfers(context);
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
}

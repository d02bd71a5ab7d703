import type { DwollaContext } from './dwolla-context.js';
import { recordTransferStep } from './dwolla-transfer-events.js';
import type { DwollaTransferRecord } from './dwolla-transfer-record.js';

/** Fails a transfer with an ACH return code at emulated time `at`, recording the `*_failed` events. */
export function failTransfer(
  context: DwollaContext,
  transfer: DwollaTransferRecord,
  code: string,
  at: number,
): void {
  fail(context, transfer, code, at);
}

function fail(context: DwollaContext, transfer: DwollaTransferRecord, code: string, at: number): void {
  const fundingSourceId = transfer.returnFundingSourceId ?? transfer.source.fundingSourceId;
  const source = context.state.fundingSources.get(fundingSourceId);
  transfer.status = 'failed';
  transfer.failure = { code, fundingSourceId, customerId: source?.customerId };
  recordTransferStep(context, transfer, 'failed', at);
  // Dwolla removes the funding source automatically on an R03 (Dwolla Sandbox testing guide).
  if (code === 'R03' && source && source.type === 'bank' && !source.removed) {
    source.removed = true;
    source.removedAt = at;
    context.events.record(
      'customer_funding_source_removed',
      { resourceId: source.id, resourceCollection: 'funding-sources', customerId: source.customerId },
      at,
    );
  }
}

/**
 * Moves one transfer forward: a pending transfer is processed (or fails with its return code), and an
 * `R..-late` transfer that was processed is returned afterwards. `force` ignores the clock, like Dwolla
 * Sandbox's "process bank transfers" simulation; otherwise only steps due at `now` happen.
 */
function advance(
  context: DwollaContext,
  transfer: DwollaTransferRecord,
  now: number,
  force: boolean,
): boolean {
  if (transfer.status === 'pending' && (force || now >= transfer.settlesAt)) {
    const at = force ? now : transfer.settlesAt;
    if (transfer.returnCode !== undefined && transfer.lateReturnAt === undefined) {
      fail(context, transfer, transfer.returnCode, at);
    } else {
      transfer.status = 'processed';
      recordTransferStep(context, transfer, 'completed', at);
    }
    return true;
  }
  if (
    transfer.status === 'processed' &&
    transfer.returnCode !== undefined &&
    transfer.lateReturnAt !== undefined &&
    (force || now >= transfer.lateReturnAt)
  ) {
    fail(context, transfer, transfer.returnCode, force ? now : transfer.lateReturnAt);
    transfer.lateReturnAt = undefined;
    return true;
  }
  return false;
}

/** Applies every transfer step that is due on the emulated clock (called before each Dwolla request). */
export function settleDueTransfers(context: DwollaContext): void {
  const now = context.clock.now();
  for (const transfer of context.state.transfers.values()) {
    while (advance(context, transfer, now, false)) {
      // A late return that is already due happens in the same pass.
    }
  }
}

/** Processes every transfer one step regardless of the clock (`POST /sandbox-simulations`); returns how many moved. */
export function processBankTransfers(context: DwollaContext): number {
  const now = context.clock.now();
  let moved = 0;
  for (const transfer of context.state.transfers.values()) {
    if (advance(context, transfer, now, true)) moved += 1;
  }
  return moved;
}

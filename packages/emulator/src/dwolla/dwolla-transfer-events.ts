import type { DwollaContext } from './dwolla-context.js';
import type { DwollaTransferRecord } from './dwolla-transfer-record.js';
import type { DwollaTransferStep } from './dwolla-transfer-topics.js';

/**
 * Records the events of one transfer step at emulated time `at`: `customer_transfer_<step>` for each
 * customer on either side, `customer_bank_transfer_<step>` for a verified customer's bank leg, and the
 * account-level `transfer_<step>`.
 */
export function recordTransferStep(
  context: DwollaContext,
  transfer: DwollaTransferRecord,
  step: DwollaTransferStep,
  at: number,
): void {
  const about = { resourceId: transfer.id, resourceCollection: 'transfers' as const };
  const customers = new Set<string>();
  for (const party of [transfer.source, transfer.destination]) {
    if (party.customerId === undefined) continue;
    if (party.verifiedCustomerBank) {
      context.events.record(`customer_bank_transfer_${step}`, { ...about, customerId: party.customerId }, at);
    }
    customers.add(party.customerId);
  }
  for (const customerId of customers) {
    context.events.record(`customer_transfer_${step}`, { ...about, customerId }, at);
  }
  context.events.record(`transfer_${step}`, { ...about, customerId: undefined }, at);
}

import { DWOLLA_ACCOUNT_ID } from './dwolla-events.js';
import type { DwollaLinks } from './dwolla-links.js';
import type { DwollaTransferParty, DwollaTransferRecord } from './dwolla-transfer-record.js';

function ownerLink(party: DwollaTransferParty, links: DwollaLinks) {
  return party.customerId === undefined
    ? links.link(`/accounts/${DWOLLA_ACCOUNT_ID}`, 'account')
    : links.link(`/customers/${party.customerId}`, 'customer');
}

/** The HAL representation of a transfer (`GET /transfers/{id}`). */
export function transferView(transfer: DwollaTransferRecord, links: DwollaLinks): Record<string, unknown> {
  return {
    _links: {
      self: links.link(`/transfers/${transfer.id}`, 'transfer'),
      source: ownerLink(transfer.source, links),
      destination: ownerLink(transfer.destination, links),
      'source-funding-source': links.link(
        `/funding-sources/${transfer.source.fundingSourceId}`,
        'funding-source',
      ),
      'destination-funding-source': links.link(
        `/funding-sources/${transfer.destination.fundingSourceId}`,
        'funding-source',
      ),
      ...(transfer.status === 'pending'
        ? { cancel: links.link(`/transfers/${transfer.id}`, 'transfer') }
        : {}),
      ...(transfer.status === 'failed'
        ? { failure: links.link(`/transfers/${transfer.id}/failure`, 'failure') }
        : {}),
    },
    id: transfer.id,
    status: transfer.status,
    amount: { ...transfer.amount },
    created: transfer.created,
    clearing: { source: 'standard' },
    ...(transfer.metadata ? { metadata: { ...transfer.metadata } } : {}),
    ...(transfer.correlationId ? { correlationId: transfer.correlationId } : {}),
  };
}

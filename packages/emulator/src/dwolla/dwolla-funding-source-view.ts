import type { DwollaLinks } from './dwolla-links.js';
import type { DwollaFundingSourceRecord } from './dwolla-state.js';

/** The HAL representation of a funding source (`GET /funding-sources/{id}`). */
export function fundingSourceView(
  source: DwollaFundingSourceRecord,
  links: DwollaLinks,
): Record<string, unknown> {
  const selfPath = `/funding-sources/${source.id}`;
  return {
    _links: {
      self: links.link(selfPath, 'funding-source'),
      customer: links.link(`/customers/${source.customerId}`, 'customer'),
      ...(source.removed || source.type !== 'bank' ? {} : { remove: links.link(selfPath, 'funding-source') }),
    },
    id: source.id,
    status: source.status,
    type: source.type,
    ...(source.bankAccountType !== undefined ? { bankAccountType: source.bankAccountType } : {}),
    name: source.name,
    created: source.created,
    removed: source.removed,
    channels: [...source.channels],
    ...(source.bankName !== undefined ? { bankName: source.bankName } : {}),
    ...(source.fingerprint !== undefined ? { fingerprint: source.fingerprint } : {}),
  };
}

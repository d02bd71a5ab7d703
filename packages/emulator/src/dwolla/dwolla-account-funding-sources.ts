import type { EmulatorResponse } from '../types.js';
import type { DwollaContext, DwollaRouteRequest } from './dwolla-context.js';
import { notFound } from './dwolla-errors.js';
import { DWOLLA_ACCOUNT_ID } from './dwolla-events.js';
import { halResponse } from './dwolla-media.js';

/** The fixed id of the emulated Dwolla account's balance funding source (a transfer destination). */
export const DWOLLA_ACCOUNT_BALANCE_ID = '4d1c7a5e-2f3b-4b7e-9a6c-0f2e8b1d3c5a';

/** `GET /accounts/{id}/funding-sources`: the emulated account's own balance. */
export function listAccountFundingSources(
  _context: DwollaContext,
  route: DwollaRouteRequest,
): EmulatorResponse {
  if (route.params[0] !== DWOLLA_ACCOUNT_ID) throw notFound('Account not found.');
  return halResponse(200, {
    _links: { self: route.links.link(`/accounts/${DWOLLA_ACCOUNT_ID}/funding-sources`, 'funding-source') },
    _embedded: {
      'funding-sources': [
        {
          _links: {
            self: route.links.link(`/funding-sources/${DWOLLA_ACCOUNT_BALANCE_ID}`, 'funding-source'),
            account: route.links.link(`/accounts/${DWOLLA_ACCOUNT_ID}`, 'account'),
          },
          id: DWOLLA_ACCOUNT_BALANCE_ID,
          status: 'verified',
          type: 'balance',
          name: 'Balance',
          created: '2026-01-01T00:00:00.000Z',
          removed: false,
          channels: [],
        },
      ],
    },
  });
}

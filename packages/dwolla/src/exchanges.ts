import { ResponseValidationError } from '@achbridge/core';
import type { DwollaClient } from './dwolla-client.js';
import { exchangePartnerListSchema } from './dwolla-schemas.js';

/** Finds the `Plaid` exchange partner (`GET /exchange-partners`) and returns its URL. */
export async function findPlaidExchangePartner(client: DwollaClient, signal?: AbortSignal): Promise<string> {
  const response = await client.get(
    '/exchange-partners',
    exchangePartnerListSchema(),
    signal ? { signal } : {},
  );
  const plaid = response.data._embedded['exchange-partners'].find(
    (partner) =>
      partner.name.toLowerCase() === 'plaid' && (partner.status ?? 'active').toLowerCase() === 'active',
  );
  if (!plaid) {
    throw new ResponseValidationError({
      provider: 'dwolla',
      endpoint: '/exchange-partners',
      status: response.status,
      requestId: response.requestId,
      issues: [{ path: '_embedded.exchange-partners', message: 'no active exchange partner named Plaid' }],
      remediation:
        'Dwolla did not list Plaid as an active exchange partner; ask Dwolla to enable Secure Exchange with Plaid, or use the plaidToken method.',
    });
  }
  return plaid._links.self.href;
}

/**
 * Creates a Secure Exchange for a customer from a Plaid processor token
 * (`POST /customers/{id}/exchanges`) and returns the exchange URL.
 */
export async function createPlaidExchange(
  client: DwollaClient,
  input: {
    customerId: string;
    processorToken: string;
    idempotencyKey: string;
    signal?: AbortSignal | undefined;
  },
): Promise<string> {
  const partnerUrl = await findPlaidExchangePartner(client, input.signal);
  const created = await client.create(
    `/customers/${input.customerId}/exchanges`,
    { _links: { 'exchange-partner': { href: partnerUrl } }, token: input.processorToken },
    { idempotencyKey: input.idempotencyKey, ...(input.signal ? { signal: input.signal } : {}) },
  );
  return created.location;
}

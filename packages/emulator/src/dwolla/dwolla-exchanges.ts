import { randomUUID } from 'node:crypto';
import { isPlainObject } from '../input-validation.js';
import type { EmulatorResponse } from '../types.js';
import { parseJsonBody } from './dwolla-body.js';
import { DWOLLA_PROCESSOR, type DwollaContext, type DwollaRouteRequest, isoNow } from './dwolla-context.js';
import { requireCustomer } from './dwolla-customers.js';
import { dwollaError, embeddedError, notFound, validationError } from './dwolla-errors.js';
import { idFromHref } from './dwolla-links.js';
import { createdResponse, halResponse } from './dwolla-media.js';
import type { DwollaExchangeRecord } from './dwolla-state.js';

/** One Secure Exchange partner. */
export interface DwollaExchangePartner {
  id: string;
  name: 'Plaid' | 'MX' | 'Finicity' | 'Flinks';
  status: 'active';
  created: string;
}

/** The partners the emulator lists (fixed ids); only Plaid processor tokens can be exchanged. */
export const DWOLLA_EXCHANGE_PARTNERS: readonly DwollaExchangePartner[] = [
  {
    id: '292317ec-e252-47d8-93c3-2d128e037aa4',
    name: 'Plaid',
    status: 'active',
    created: '2022-04-06T16:27:32.367Z',
  },
  {
    id: 'bca8d065-49a5-475b-a6b4-509bc8504d22',
    name: 'MX',
    status: 'active',
    created: '2022-02-11T19:48:55.734Z',
  },
  {
    id: '8ee5e6f6-3ed4-4c7e-9f2e-1c3a57ab5a0b',
    name: 'Finicity',
    status: 'active',
    created: '2022-02-11T19:48:55.734Z',
  },
  {
    id: 'f4a3b9cd-62b3-4bcb-a0a4-3a1b2f9c7d11',
    name: 'Flinks',
    status: 'active',
    created: '2023-05-02T14:03:11.000Z',
  },
];

function partnerView(partner: DwollaExchangePartner, route: DwollaRouteRequest): Record<string, unknown> {
  return {
    _links: { self: route.links.link(`/exchange-partners/${partner.id}`, 'exchange-partner') },
    id: partner.id,
    name: partner.name,
    status: partner.status,
    created: partner.created,
  };
}

function exchangeView(exchange: DwollaExchangeRecord, route: DwollaRouteRequest): Record<string, unknown> {
  return {
    _links: {
      self: route.links.link(`/exchanges/${exchange.id}`, 'exchange'),
      'exchange-partner': route.links.link(`/exchange-partners/${exchange.partnerId}`, 'exchange-partner'),
      customer: route.links.link(`/customers/${exchange.customerId}`, 'customer'),
      ...(exchange.fundingSourceId !== undefined
        ? {
            'funding-source': route.links.link(
              `/funding-sources/${exchange.fundingSourceId}`,
              'funding-source',
            ),
          }
        : {}),
    },
    id: exchange.id,
    status: 'active',
    created: exchange.created,
  };
}

/** `GET /exchange-partners`. */
export function listExchangePartners(_context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  return halResponse(200, {
    _links: { self: route.links.link('/exchange-partners', 'exchange-partner') },
    _embedded: {
      'exchange-partners': DWOLLA_EXCHANGE_PARTNERS.map((partner) => partnerView(partner, route)),
    },
    total: DWOLLA_EXCHANGE_PARTNERS.length,
  });
}

/** `GET /exchange-partners/{id}`. */
export function getExchangePartner(_context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const partner = DWOLLA_EXCHANGE_PARTNERS.find((candidate) => candidate.id === route.params[0]);
  if (!partner) throw notFound('Exchange partner not found.');
  return halResponse(200, partnerView(partner, route));
}

/**
 * `POST /customers/{id}/exchanges` with `_links.exchange-partner.href` and `token` (a Plaid processor token):
 * 201 + Location. Unknown partner -> 404; a token that is not a live Plaid processor token for Dwolla (never
 * minted, Item removed, or sent to a non-Plaid partner) -> 400 `InvalidExchangeToken`.
 */
export function createExchange(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const customer = requireCustomer(
    context,
    route.params[0] ?? '',
    'Customer ID not found. Check Customer ID.',
  );
  const body = parseJsonBody(route.request.rawBody);
  const links = body['_links'];
  const partnerLink = isPlainObject(links) ? links['exchange-partner'] : undefined;
  const href = isPlainObject(partnerLink) ? partnerLink['href'] : undefined;
  const token = body['token'];
  const errors = [
    ...(typeof href === 'string' && href.trim() !== ''
      ? []
      : [embeddedError('Required', 'ExchangePartner required.', '/_links/exchange-partner/href')]),
    ...(typeof token === 'string' && token.trim() !== ''
      ? []
      : [embeddedError('Required', 'Token required.', '/token')]),
  ];
  if (errors.length > 0 || typeof href !== 'string' || typeof token !== 'string')
    throw validationError(errors);

  const partnerId = idFromHref(href, 'exchange-partners');
  const partner = DWOLLA_EXCHANGE_PARTNERS.find((candidate) => candidate.id === partnerId);
  if (!partner) throw notFound('Exchange partner not found.');
  if (partner.name !== 'Plaid' || context.bridge.peek(DWOLLA_PROCESSOR, token) === undefined) {
    throw dwollaError(
      400,
      'InvalidExchangeToken',
      'The exchange token is not valid to perform this operation.',
    );
  }
  const exchange: DwollaExchangeRecord = {
    id: randomUUID(),
    customerId: customer.id,
    partnerId: partner.id,
    created: isoNow(context),
    processorToken: token,
  };
  context.state.exchanges.set(exchange.id, exchange);
  return createdResponse(route.links.href(`/exchanges/${exchange.id}`));
}

/** `GET /exchanges/{id}`. */
export function getExchange(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const exchange = context.state.exchanges.get(route.params[0] ?? '');
  if (!exchange) throw notFound('Exchange not found.');
  return halResponse(200, exchangeView(exchange, route));
}

/** `GET /customers/{id}/exchanges`. */
export function listExchanges(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const customer = requireCustomer(context, route.params[0] ?? '');
  const exchanges = [...context.state.exchanges.values()].filter(
    (exchange) => exchange.customerId === customer.id,
  );
  return halResponse(200, {
    _links: { self: route.links.link(`/customers/${customer.id}/exchanges`, 'exchange') },
    _embedded: { exchanges: exchanges.map((exchange) => exchangeView(exchange, route)) },
    total: exchanges.length,
  });
}

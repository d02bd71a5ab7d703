import type { EmulatorResponse } from '../types.js';
import type { DwollaContext, DwollaRouteRequest } from './dwolla-context.js';
import { notFound } from './dwolla-errors.js';
import { DWOLLA_ACCOUNT_ID, eventView } from './dwolla-events.js';
import { halResponse } from './dwolla-media.js';

/** `GET /`: the API root with links to the account and the main collections. */
export function getRoot(_context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  return halResponse(200, {
    _links: {
      account: route.links.link(`/accounts/${DWOLLA_ACCOUNT_ID}`, 'account'),
      customers: route.links.link('/customers', 'customer'),
      events: route.links.link('/events', 'event'),
      'exchange-partners': route.links.link('/exchange-partners', 'exchange-partner'),
    },
  });
}

/** `GET /events`: newest first, `limit` (default 25, max 200) and `offset`. */
export function listEvents(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const limitParam = Number(route.request.query.get('limit') ?? '25');
  const offsetParam = Number(route.request.query.get('offset') ?? '0');
  const limit = Number.isInteger(limitParam) ? Math.min(Math.max(limitParam, 1), 200) : 25;
  const offset = Number.isInteger(offsetParam) ? Math.max(offsetParam, 0) : 0;
  const all = [...context.events.list()].reverse();
  return halResponse(200, {
    _links: { self: route.links.link(`/events?limit=${limit}&offset=${offset}`, 'event') },
    _embedded: { events: all.slice(offset, offset + limit).map((event) => eventView(event, route.links)) },
    total: all.length,
  });
}

/** `GET /events/{id}`. */
export function getEvent(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const event = context.events.get(route.params[0] ?? '');
  if (!event) throw notFound('Event not found.');
  return halResponse(200, eventView(event, route.links));
}

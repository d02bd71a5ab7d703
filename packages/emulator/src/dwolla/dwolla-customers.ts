import { randomUUID } from 'node:crypto';
import type { EmulatorResponse } from '../types.js';
import { parseJsonBody } from './dwolla-body.js';
import { type DwollaContext, type DwollaRouteRequest, isoNow } from './dwolla-context.js';
import { readCustomerInput } from './dwolla-customer-input.js';
import { embeddedError, notFound, validationError } from './dwolla-errors.js';
import type { DwollaLinks } from './dwolla-links.js';
import { createdResponse, halResponse } from './dwolla-media.js';
import type { DwollaCustomerRecord } from './dwolla-state.js';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 200;

/** The HAL representation of a customer. */
export function customerView(customer: DwollaCustomerRecord, links: DwollaLinks): Record<string, unknown> {
  return {
    _links: {
      self: links.link(`/customers/${customer.id}`, 'customer'),
      'funding-sources': links.link(`/customers/${customer.id}/funding-sources`, 'funding-source'),
    },
    id: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    type: customer.type,
    status: customer.status,
    created: customer.created,
    ...(customer.address ?? {}),
    ...(customer.phone !== undefined ? { phone: customer.phone } : {}),
    ...(customer.businessName !== undefined ? { businessName: customer.businessName } : {}),
    ...(customer.correlationId !== undefined ? { correlationId: customer.correlationId } : {}),
  };
}

/** The customer with this (case-insensitive) id, or a 404 with Dwolla's message. */
export function requireCustomer(
  context: DwollaContext,
  id: string,
  message = 'Customer not found.',
): DwollaCustomerRecord {
  const customer = context.state.customers.get(id.toLowerCase());
  if (!customer) throw notFound(message);
  return customer;
}

/** `POST /customers`: unverified (default), receive-only or verified personal customer. */
export function createCustomer(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const body = parseJsonBody(route.request.rawBody);
  const result = readCustomerInput(body, context.clock.now());
  if (!result.ok) throw validationError(result.errors);
  const { input } = result;
  const existing = [...context.state.customers.values()];
  const sameEmail = existing.find((customer) => customer.email.toLowerCase() === input.email.toLowerCase());
  const sameCorrelation =
    input.correlationId === undefined
      ? undefined
      : existing.find(
          (customer) => customer.correlationId?.toLowerCase() === input.correlationId?.toLowerCase(),
        );
  const duplicates = [
    ...(sameEmail
      ? [
          embeddedError('Duplicate', 'A customer with the specified email already exists.', '/email', {
            about: route.links.link(`/customers/${sameEmail.id}`, 'customer'),
          }),
        ]
      : []),
    ...(sameCorrelation
      ? [
          embeddedError(
            'Duplicate',
            'A customer with the specified correlationId already exists.',
            '/correlationId',
            {
              about: route.links.link(`/customers/${sameCorrelation.id}`, 'customer'),
            },
          ),
        ]
      : []),
  ];
  if (duplicates.length > 0) throw validationError(duplicates);

  const now = context.clock.now();
  const customer: DwollaCustomerRecord = {
    id: randomUUID(),
    ...input,
    status: input.type === 'personal' ? 'verified' : 'unverified',
    created: isoNow(context),
  };
  context.state.customers.set(customer.id, customer);
  const about = {
    resourceId: customer.id,
    resourceCollection: 'customers' as const,
    customerId: customer.id,
  };
  context.events.record('customer_created', about, now);
  if (customer.type === 'personal') {
    context.events.record('customer_verified', about, now);
    const balanceId = randomUUID();
    context.state.fundingSources.set(balanceId, {
      id: balanceId,
      customerId: customer.id,
      type: 'balance',
      status: 'verified',
      name: 'Balance',
      created: customer.created,
      removed: false,
      channels: [],
      origin: 'balance',
    });
  }
  return createdResponse(route.links.href(`/customers/${customer.id}`));
}

/** `GET /customers/{id}`. */
export function getCustomer(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const customer = requireCustomer(context, route.params[0] ?? '');
  return halResponse(200, customerView(customer, route.links));
}

function pageNumber(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  return Math.min(Math.max(Number(value), min), max);
}

/** `GET /customers`: newest first, with `limit`/`offset` paging and `email`/`status`/`search` filters. */
export function listCustomers(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const query = route.request.query;
  const limit = pageNumber(query.get('limit'), DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const offset = pageNumber(query.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  const email = query.get('email')?.toLowerCase();
  const status = query.get('status')?.toLowerCase();
  const search = query.get('search')?.toLowerCase();
  const matching = [...context.state.customers.values()].reverse().filter((customer) => {
    if (email !== undefined && customer.email.toLowerCase() !== email) return false;
    if (status !== undefined && customer.status !== status) return false;
    if (search !== undefined) {
      const haystack = [customer.firstName, customer.lastName, customer.email, customer.businessName ?? '']
        .join(' ')
        .toLowerCase();
      if (!haystack.includes(search)) return false;
    }
    return true;
  });
  const page = matching.slice(offset, offset + limit);
  const pageLink = (at: number) => route.links.link(`/customers?limit=${limit}&offset=${at}`, 'customer');
  const lastOffset = matching.length === 0 ? 0 : Math.floor((matching.length - 1) / limit) * limit;
  return halResponse(200, {
    _links: {
      self: pageLink(offset),
      first: pageLink(0),
      last: pageLink(lastOffset),
      ...(offset + limit < matching.length ? { next: pageLink(offset + limit) } : {}),
      ...(offset > 0 ? { prev: pageLink(Math.max(offset - limit, 0)) } : {}),
    },
    _embedded: { customers: page.map((customer) => customerView(customer, route.links)) },
    total: matching.length,
  });
}

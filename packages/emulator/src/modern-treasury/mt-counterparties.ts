import { createUuid } from '../ids.js';
import { isPlainObject } from '../input-validation.js';
import type { EmulatorResponse } from '../types.js';
import { metadataOf, metadataQuery, optionalString, parseMtBody, requiredString } from './mt-body.js';
import type { MtContext, MtRouteRequest } from './mt-context.js';
import { parameterInvalid, resourceNotFound } from './mt-errors.js';
import { createExternalAccountRecord } from './mt-external-accounts.js';
import { listPage } from './mt-list.js';
import type { MtCounterpartyRecord } from './mt-state.js';
import { counterpartyView } from './mt-views.js';

/**
 * `POST /api/counterparties`: `name` is required; `accounts[]` entries become external accounts (a Plaid
 * processor token in `accounts[].plaid_processor_token`, as Modern Treasury's Plaid guide shows). The
 * accounts are checked before anything is stored, so a bad account leaves no counterparty behind.
 */
export function createCounterparty(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const body = parseMtBody(route.request.rawBody);
  const name = requiredString(body, 'name');
  const email = optionalString(body, 'email', 255);
  const externalId = optionalString(body, 'external_id', 180);
  const metadata = metadataOf(body);
  const accounts = body['accounts'];
  if (accounts !== undefined && accounts !== null && !Array.isArray(accounts)) {
    throw parameterInvalid('accounts', 'accounts must be an array');
  }
  const entries = (accounts ?? []) as unknown[];
  entries.forEach((entry, index) => {
    if (!isPlainObject(entry)) throw parameterInvalid(`accounts[${index}]`, 'accounts must be objects');
  });
  if (
    externalId !== null &&
    [...context.state.counterparties.values()].some(
      (existing) => existing.externalId === externalId && existing.liveMode === route.liveMode,
    )
  ) {
    throw parameterInvalid('external_id', 'External ID has already been taken');
  }
  const now = context.clock.now();
  const record: MtCounterpartyRecord = {
    id: createUuid(),
    name,
    email,
    externalId,
    metadata,
    liveMode: route.liveMode,
    createdAt: now,
    updatedAt: now,
  };
  context.state.counterparties.set(record.id, record);
  const created: string[] = [];
  try {
    entries.forEach((entry, index) => {
      created.push(
        createExternalAccountRecord(context, entry as Record<string, unknown>, record, `accounts[${index}].`)
          .id,
      );
    });
  } catch (error) {
    for (const id of created) context.state.externalAccounts.delete(id);
    context.state.counterparties.delete(record.id);
    throw error;
  }
  return { status: 201, body: counterpartyView(context.state, record) };
}

/** `GET /api/counterparties/:id`. */
export function getCounterparty(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const record = context.state.counterparties.get(route.params[0] ?? '');
  if (record === undefined || record.liveMode !== route.liveMode) throw resourceNotFound();
  return { status: 200, body: counterpartyView(context.state, record) };
}

/** `GET /api/counterparties` with `name` and `email` (partial, case-insensitive), `external_id` and `metadata[key]`. */
export function listCounterparties(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const { query } = route.request;
  const name = query.get('name')?.toLowerCase();
  const email = query.get('email')?.toLowerCase();
  const externalId = query.get('external_id');
  const metadata = metadataQuery(query);
  const items = [...context.state.counterparties.values()].filter(
    (record) =>
      record.liveMode === route.liveMode &&
      (name === undefined || (record.name ?? '').toLowerCase().includes(name)) &&
      (email === undefined || (record.email ?? '').toLowerCase().includes(email)) &&
      (externalId === null || record.externalId === externalId) &&
      [...metadata].every(([key, value]) => record.metadata[key] === value),
  );
  return listPage(items, query, (record) => counterpartyView(context.state, record));
}

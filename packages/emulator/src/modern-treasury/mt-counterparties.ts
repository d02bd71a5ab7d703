import { createUuid } from '../ids.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import type { EmulatorResponse } from '../types.js';
import { metadataQuery, parseMtBody } from './mt-body.js';
import type { MtContext, MtRouteRequest } from './mt-context.js';
import { parameterInvalid, resourceNotFound } from './mt-errors.js';
import { createExternalAccountRecord } from './mt-external-accounts.js';
import { checkMtBody, MT_METADATA, mtOptional, mtRequired } from './mt-fields.js';
import { listPage } from './mt-list.js';
import type { MtCounterpartyRecord } from './mt-state.js';
import { counterpartyView } from './mt-views.js';

const CREATE_FIELDS: FieldSpecs = {
  name: mtRequired(),
  email: mtOptional(255),
  external_id: mtOptional(180),
  metadata: MT_METADATA,
  accounts: {
    type: 'array',
    message: 'accounts must be an array',
    items: {
      type: 'object',
      fields: {},
      unknown: 'allow',
      rejectNull: true,
      message: 'accounts must be objects',
    },
  },
};

/**
 * `POST /api/counterparties`: `name` is required; `accounts[]` entries become external accounts (a Plaid
 * processor token in `accounts[].plaid_processor_token`, as Modern Treasury's Plaid guide shows). The
 * accounts are checked before anything is stored, so a bad account leaves no counterparty behind.
 */
export function createCounterparty(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const body = parseMtBody(route.request.rawBody);
  const checked = checkMtBody(body, CREATE_FIELDS);
  const name = checked.string('name') ?? '';
  const email = checked.string('email') ?? null;
  const externalId = checked.string('external_id') ?? null;
  const metadata = checked.stringMap('metadata') ?? {};
  const accounts = body['accounts'];
  const entries = (Array.isArray(accounts) ? accounts : []) as Record<string, unknown>[];
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
      created.push(createExternalAccountRecord(context, entry, record, ['accounts', index]).id);
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

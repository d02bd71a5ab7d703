import { createUuid } from '../ids.js';
import { dottedPath } from '../kernel/field-spec-path.js';
import type { FieldSpec, FieldSpecs, PathSegment } from '../kernel/field-spec-types.js';
import type { EmulatorResponse } from '../types.js';
import { type MtBody, metadataQuery, parseMtBody } from './mt-body.js';
import type { MtContext, MtRouteRequest } from './mt-context.js';
import { parameterInvalid, resourceNotFound } from './mt-errors.js';
import { checkMtBody, MT_METADATA, mtOptional, mtRequired } from './mt-fields.js';
import { listPage } from './mt-list.js';
import type { MtCounterpartyRecord, MtExternalAccountRecord } from './mt-state.js';
import { externalAccountView } from './mt-views.js';

/** The processor name Plaid's `/processor/token/create` uses for Modern Treasury. */
export const MODERN_TREASURY_PROCESSOR = 'modern_treasury';

const ACCOUNT_TYPES = new Set(['checking', 'savings', 'other']);

const RECORD_FIELDS: FieldSpecs = {
  external_id: mtOptional(180),
  name: mtOptional(255),
  party_name: mtOptional(255),
  metadata: MT_METADATA,
  account_type: mtOptional(32, {
    rules: [
      {
        test: (value) => ACCOUNT_TYPES.has(value),
        expected: 'checking, savings or other',
        message: 'account_type must be checking, savings or other',
      },
    ],
  }),
  plaid_processor_token: { type: 'string', minLength: 1, message: 'plaid_processor_token must be a string' },
};

/** One `account_details[]` / `routing_details[]` list: required, non-empty, of objects with `key`. */
function detailsList(name: string, key: string, pattern: RegExp, expected: string): FieldSpec {
  return {
    type: 'array',
    required: true,
    emptyIsAbsent: true,
    items: {
      type: 'object',
      rejectNull: true,
      unknown: 'allow',
      message: `${name} must be objects`,
      fields: {
        [key]: mtRequired({
          rules: [{ test: (value) => pattern.test(value), expected, message: `${key} is invalid` }],
        }),
      },
    },
  };
}

const BANK_DETAIL_FIELDS: FieldSpecs = {
  account_details: detailsList('account_details', 'account_number', /^\d{4,17}$/, '4 to 17 digits'),
  routing_details: detailsList('routing_details', 'routing_number', /^\d{9}$/, '9 digits'),
};

const CREATE_FIELDS: FieldSpecs = { counterparty_id: mtRequired() };

function bankDetailsFrom(
  context: MtContext,
  body: MtBody,
  prefix: readonly PathSegment[],
): Pick<
  MtExternalAccountRecord,
  'accountNumber' | 'routingNumber' | 'verificationSource' | 'verificationStatus'
> & {
  accountType?: 'checking' | 'savings';
  holderName?: string;
} {
  const path = (field: string): string => dottedPath([...prefix, field]);
  const token = body['plaid_processor_token'];
  if (typeof token === 'string') {
    // Modern Treasury pulls the bank details from Plaid with the token; the emulator claims it once.
    const claimed = context.bridge.claim(MODERN_TREASURY_PROCESSOR, token);
    if (claimed === undefined) {
      throw parameterInvalid(
        path('plaid_processor_token'),
        'The Plaid processor token is invalid or was not created for Modern Treasury',
      );
    }
    if (claimed === 'claimed') {
      throw parameterInvalid(
        path('plaid_processor_token'),
        'The Plaid processor token has already been used',
      );
    }
    return {
      accountNumber: claimed.details.accountNumber,
      routingNumber: claimed.details.routingNumber,
      accountType: claimed.details.accountType,
      holderName: claimed.details.holderName,
      verificationSource: 'plaid',
      verificationStatus: 'verified',
    };
  }
  checkMtBody(body, BANK_DETAIL_FIELDS, prefix);
  const [account] = body['account_details'] as [Record<string, string>];
  const [routing] = body['routing_details'] as [Record<string, string>];
  const accountNumber = account['account_number'] ?? '';
  const routingNumber = routing['routing_number'] ?? '';
  return { accountNumber, routingNumber, verificationSource: null, verificationStatus: 'unverified' };
}

/**
 * Creates an external account for a counterparty from a body (`POST /api/external_accounts` or one entry
 * of a counterparty's `accounts[]`): from a Plaid processor token (claimed once through the bridge;
 * verified, `verification_source: plaid`) or from account and routing details. `external_id` is unique
 * among the organization's external accounts of the same mode.
 */
export function createExternalAccountRecord(
  context: MtContext,
  body: MtBody,
  counterparty: MtCounterpartyRecord,
  prefix: readonly PathSegment[] = [],
): MtExternalAccountRecord {
  const path = (field: string): string => dottedPath([...prefix, field]);
  const checked = checkMtBody(body, RECORD_FIELDS, prefix);
  const externalId = checked.string('external_id') ?? null;
  const name = checked.string('name') ?? null;
  const partyName = checked.string('party_name') ?? null;
  const metadata = checked.stringMap('metadata') ?? {};
  const accountType = checked.string('account_type') ?? null;
  if (
    externalId !== null &&
    [...context.state.externalAccounts.values()].some(
      (existing) => existing.externalId === externalId && existing.liveMode === counterparty.liveMode,
    )
  ) {
    throw parameterInvalid(path('external_id'), 'External ID has already been taken');
  }
  const bank = bankDetailsFrom(context, body, prefix);
  const now = context.clock.now();
  const record: MtExternalAccountRecord = {
    id: createUuid(),
    counterpartyId: counterparty.id,
    name,
    partyName: partyName ?? counterparty.name ?? bank.holderName ?? '',
    accountType:
      (accountType as MtExternalAccountRecord['accountType'] | null) ?? bank.accountType ?? 'other',
    accountNumber: bank.accountNumber,
    routingNumber: bank.routingNumber,
    externalId,
    metadata,
    liveMode: counterparty.liveMode,
    verificationSource: bank.verificationSource,
    verificationStatus: bank.verificationStatus,
    createdAt: now,
    updatedAt: now,
  };
  context.state.externalAccounts.set(record.id, record);
  return record;
}

/** `POST /api/external_accounts`. */
export function createExternalAccount(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const body = parseMtBody(route.request.rawBody);
  const counterpartyId = checkMtBody(body, CREATE_FIELDS).string('counterparty_id') ?? '';
  const counterparty = context.state.counterparties.get(counterpartyId);
  if (counterparty === undefined || counterparty.liveMode !== route.liveMode) {
    throw parameterInvalid('counterparty_id', 'Counterparty not found');
  }
  const record = createExternalAccountRecord(context, body, counterparty);
  return { status: 201, body: externalAccountView(record) };
}

/** `GET /api/external_accounts/:id`. */
export function getExternalAccount(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const record = context.state.externalAccounts.get(route.params[0] ?? '');
  if (record === undefined || record.liveMode !== route.liveMode) throw resourceNotFound();
  return { status: 200, body: externalAccountView(record) };
}

/** `GET /api/external_accounts` with the `counterparty_id`, `external_id` and `metadata[key]` filters. */
export function listExternalAccounts(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const { query } = route.request;
  const counterpartyId = query.get('counterparty_id');
  const externalId = query.get('external_id');
  const metadata = metadataQuery(query);
  const items = [...context.state.externalAccounts.values()].filter(
    (record) =>
      record.liveMode === route.liveMode &&
      (counterpartyId === null || record.counterpartyId === counterpartyId) &&
      (externalId === null || record.externalId === externalId) &&
      [...metadata].every(([key, value]) => record.metadata[key] === value),
  );
  return listPage(items, query, externalAccountView);
}

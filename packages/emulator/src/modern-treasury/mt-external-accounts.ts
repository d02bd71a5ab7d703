import { createUuid } from '../ids.js';
import { isPlainObject } from '../input-validation.js';
import type { EmulatorResponse } from '../types.js';
import {
  type MtBody,
  metadataOf,
  metadataQuery,
  optionalString,
  parseMtBody,
  requiredString,
} from './mt-body.js';
import type { MtContext, MtRouteRequest } from './mt-context.js';
import { parameterInvalid, parameterMissing, resourceNotFound } from './mt-errors.js';
import { listPage } from './mt-list.js';
import type { MtCounterpartyRecord, MtExternalAccountRecord } from './mt-state.js';
import { externalAccountView } from './mt-views.js';

/** The processor name Plaid's `/processor/token/create` uses for Modern Treasury. */
export const MODERN_TREASURY_PROCESSOR = 'modern_treasury';

const ACCOUNT_TYPES = new Set(['checking', 'savings', 'other']);

function bankDetailsFrom(
  context: MtContext,
  body: MtBody,
  path: (field: string) => string,
): Pick<
  MtExternalAccountRecord,
  'accountNumber' | 'routingNumber' | 'verificationSource' | 'verificationStatus'
> & {
  accountType?: 'checking' | 'savings';
  holderName?: string;
} {
  const token = body['plaid_processor_token'];
  if (token !== undefined && token !== null) {
    if (typeof token !== 'string' || token === '') {
      throw parameterInvalid(path('plaid_processor_token'), 'plaid_processor_token must be a string');
    }
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
  const accountDetails = body['account_details'];
  const routingDetails = body['routing_details'];
  if (!Array.isArray(accountDetails) || accountDetails.length === 0) {
    throw parameterMissing(path('account_details'));
  }
  if (!Array.isArray(routingDetails) || routingDetails.length === 0) {
    throw parameterMissing(path('routing_details'));
  }
  const account = accountDetails[0];
  const routing = routingDetails[0];
  if (!isPlainObject(account))
    throw parameterInvalid(path('account_details'), 'account_details must be objects');
  if (!isPlainObject(routing))
    throw parameterInvalid(path('routing_details'), 'routing_details must be objects');
  const accountNumber = requiredString(account, 'account_number', path('account_details[0].account_number'));
  const routingNumber = requiredString(routing, 'routing_number', path('routing_details[0].routing_number'));
  if (!/^\d{4,17}$/.test(accountNumber)) {
    throw parameterInvalid(path('account_details[0].account_number'), 'account_number is invalid');
  }
  if (!/^\d{9}$/.test(routingNumber)) {
    throw parameterInvalid(path('routing_details[0].routing_number'), 'routing_number is invalid');
  }
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
  prefix = '',
): MtExternalAccountRecord {
  const path = (field: string): string => `${prefix}${field}`;
  const externalId = optionalString(body, 'external_id', 180, path('external_id'));
  const name = optionalString(body, 'name', 255, path('name'));
  const partyName = optionalString(body, 'party_name', 255, path('party_name'));
  const metadata = metadataOf(body, path('metadata'));
  const accountType = optionalString(body, 'account_type', 32, path('account_type'));
  if (accountType !== null && !ACCOUNT_TYPES.has(accountType)) {
    throw parameterInvalid(path('account_type'), 'account_type must be checking, savings or other');
  }
  if (
    externalId !== null &&
    [...context.state.externalAccounts.values()].some(
      (existing) => existing.externalId === externalId && existing.liveMode === counterparty.liveMode,
    )
  ) {
    throw parameterInvalid(path('external_id'), 'External ID has already been taken');
  }
  const bank = bankDetailsFrom(context, body, path);
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
  const counterpartyId = requiredString(body, 'counterparty_id');
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

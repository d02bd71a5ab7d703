import { randomUUID } from 'node:crypto';
import { isPlainObject } from '../input-validation.js';
import type { EmulatorResponse } from '../types.js';
import { DWOLLA_ACCOUNT_BALANCE_ID } from './dwolla-account-funding-sources.js';
import { parseJsonBody } from './dwolla-body.js';
import { type DwollaContext, type DwollaRouteRequest, isoNow } from './dwolla-context.js';
import { type DwollaEmbeddedError, embeddedError, notFound, validationError } from './dwolla-errors.js';
import { idFromHref } from './dwolla-links.js';
import { createdResponse, halResponse } from './dwolla-media.js';
import { describeReturn, returnCodeOfName } from './dwolla-return-codes.js';
import { recordTransferStep } from './dwolla-transfer-events.js';
import type { DwollaTransferParty, DwollaTransferRecord } from './dwolla-transfer-record.js';
import { processBankTransfers } from './dwolla-transfer-settlement.js';
import { transferView } from './dwolla-transfer-view.js';

/** How long a pending bank transfer takes to process on the emulated clock (standard ACH: 3 business days). */
export const DWOLLA_TRANSFER_SETTLEMENT_MS = 3 * 24 * 60 * 60 * 1000;

const AMOUNT = /^(?:0|[1-9]\d{0,9})(?:\.\d{1,2})?$/;

function hrefAt(body: Record<string, unknown>, rel: 'source' | 'destination'): string | undefined {
  const links = body['_links'];
  if (!isPlainObject(links)) return undefined;
  const link = links[rel];
  if (!isPlainObject(link)) return undefined;
  return typeof link['href'] === 'string' ? link['href'] : undefined;
}

function readParty(
  context: DwollaContext,
  body: Record<string, unknown>,
  rel: 'source' | 'destination',
  errors: DwollaEmbeddedError[],
): DwollaTransferParty | undefined {
  const path = `/_links/${rel}/href`;
  const href = hrefAt(body, rel);
  if (href === undefined) {
    errors.push(embeddedError('Required', `${rel === 'source' ? 'Source' : 'Destination'} required.`, path));
    return undefined;
  }
  const id = idFromHref(href, 'funding-sources');
  if (id === DWOLLA_ACCOUNT_BALANCE_ID) {
    return { fundingSourceId: id, customerId: undefined, verifiedCustomerBank: false };
  }
  const source = id === undefined ? undefined : context.state.fundingSources.get(id);
  if (!source || source.removed) {
    errors.push(
      embeddedError('Invalid', rel === 'source' ? 'Funding source not found.' : 'Receiver not found.', path),
    );
    return undefined;
  }
  if (source.type === 'bank' && source.status !== 'verified' && rel === 'source') {
    errors.push(embeddedError('Invalid', 'Funding source not verified.', path));
    return undefined;
  }
  const customer = context.state.customers.get(source.customerId);
  return {
    fundingSourceId: source.id,
    customerId: source.customerId,
    verifiedCustomerBank: source.type === 'bank' && customer?.status === 'verified',
  };
}

function readAmount(
  body: Record<string, unknown>,
  errors: DwollaEmbeddedError[],
): DwollaTransferRecord['amount'] | undefined {
  const amount = body['amount'];
  if (!isPlainObject(amount)) {
    errors.push(embeddedError('Required', 'Amount required.', '/amount'));
    return undefined;
  }
  const value = amount['value'];
  const currency = amount['currency'];
  if (typeof value !== 'string' || !AMOUNT.test(value) || Number(value) <= 0) {
    errors.push(embeddedError('Invalid', 'Invalid amount.', '/amount/value'));
  }
  if (currency !== 'USD') errors.push(embeddedError('Invalid', 'Invalid currency.', '/amount/currency'));
  if (typeof value !== 'string' || currency !== 'USD' || !AMOUNT.test(value) || Number(value) <= 0)
    return undefined;
  return { value: Number(value).toFixed(2), currency: 'USD' };
}

function readMetadata(
  body: Record<string, unknown>,
  errors: DwollaEmbeddedError[],
): Record<string, string> | undefined {
  const metadata = body['metadata'];
  if (metadata === undefined) return undefined;
  if (!isPlainObject(metadata) || Object.keys(metadata).length > 10) {
    errors.push(embeddedError('Invalid', 'Metadata invalid.', '/metadata'));
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string' || key.length > 255 || value.length > 255) {
      errors.push(embeddedError('Invalid', 'Metadata invalid.', `/metadata/${key}`));
      return undefined;
    }
    result[key] = value;
  }
  return result;
}

function returnOf(
  context: DwollaContext,
  parties: DwollaTransferParty[],
): { code: string; late: boolean; fundingSourceId: string } | undefined {
  for (const party of parties) {
    const name = context.state.fundingSources.get(party.fundingSourceId)?.name;
    const sentinel = name === undefined ? undefined : returnCodeOfName(name);
    if (sentinel) return { ...sentinel, fundingSourceId: party.fundingSourceId };
  }
  return undefined;
}

/**
 * `POST /transfers`: `_links.source` / `_links.destination` (funding source URLs; the account balance is
 * listed under `/accounts/{id}/funding-sources`), `amount {value, currency: USD}`, optional `metadata`
 * and `correlationId`. 201 + Location; the transfer is `pending` until processed on the emulated clock.
 */
export function createTransfer(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const body = parseJsonBody(route.request.rawBody);
  const errors: DwollaEmbeddedError[] = [];
  const source = readParty(context, body, 'source', errors);
  const destination = readParty(context, body, 'destination', errors);
  const amount = readAmount(body, errors);
  const metadata = readMetadata(body, errors);
  const correlationId = body['correlationId'];
  if (
    correlationId !== undefined &&
    (typeof correlationId !== 'string' || !/^[a-z0-9._-]{1,255}$/i.test(correlationId))
  ) {
    errors.push(embeddedError('Invalid', 'CorrelationId invalid.', '/correlationId'));
  }
  if (source && destination && source.fundingSourceId === destination.fundingSourceId) {
    errors.push(embeddedError('Invalid', 'Source and destination must differ.', '/_links/destination/href'));
  }
  if (errors.length > 0 || !source || !destination || !amount) throw validationError(errors);

  const now = context.clock.now();
  const sentinel = returnOf(context, [source, destination]);
  const transfer: DwollaTransferRecord = {
    id: randomUUID(),
    status: 'pending',
    amount,
    created: isoNow(context),
    source,
    destination,
    metadata,
    correlationId: typeof correlationId === 'string' ? correlationId : undefined,
    settlesAt: now + DWOLLA_TRANSFER_SETTLEMENT_MS,
    returnCode: sentinel?.code,
    returnFundingSourceId: sentinel?.fundingSourceId,
    lateReturnAt: sentinel?.late ? now + 2 * DWOLLA_TRANSFER_SETTLEMENT_MS : undefined,
  };
  context.state.transfers.set(transfer.id, transfer);
  recordTransferStep(context, transfer, 'created', now);
  return createdResponse(route.links.href(`/transfers/${transfer.id}`));
}

function requireTransfer(context: DwollaContext, id: string): DwollaTransferRecord {
  const transfer = context.state.transfers.get(id.toLowerCase());
  if (!transfer) throw notFound('Transfer not found.');
  return transfer;
}

/** `GET /transfers/{id}`. */
export function getTransfer(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  return halResponse(200, transferView(requireTransfer(context, route.params[0] ?? ''), route.links));
}

/** `POST /transfers/{id}` with `{status: "cancelled"}`: only a pending transfer can be cancelled. */
export function cancelTransfer(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const transfer = requireTransfer(context, route.params[0] ?? '');
  const body = parseJsonBody(route.request.rawBody);
  if (body['status'] !== 'cancelled') {
    throw validationError([embeddedError('Invalid', 'Status invalid.', '/status')]);
  }
  if (transfer.status !== 'pending') {
    throw validationError([embeddedError('NotAllowed', 'Status not allowed.', '/status')]);
  }
  transfer.status = 'cancelled';
  recordTransferStep(context, transfer, 'cancelled', context.clock.now());
  return halResponse(200, transferView(transfer, route.links));
}

/** `GET /transfers/{id}/failure`: the ACH return of a failed transfer (404 otherwise). */
export function getTransferFailure(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const transfer = requireTransfer(context, route.params[0] ?? '');
  if (transfer.status !== 'failed' || !transfer.failure) throw notFound('Failure not found.');
  const { code, fundingSourceId, customerId } = transfer.failure;
  return halResponse(200, {
    _links: {
      self: route.links.link(`/transfers/${transfer.id}/failure`, 'failure'),
      'failed-funding-source': route.links.link(`/funding-sources/${fundingSourceId}`, 'funding-source'),
      ...(customerId === undefined
        ? {}
        : { customer: route.links.link(`/customers/${customerId}`, 'customer') }),
    },
    code,
    ...describeReturn(code),
  });
}

/** `GET /customers/{id}/transfers`: the customer's transfers, newest first (`status` filter). */
export function listCustomerTransfers(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const customerId = route.params[0] ?? '';
  if (!context.state.customers.has(customerId)) throw notFound('Customer not found.');
  const status = route.request.query.get('status')?.toLowerCase();
  const transfers = [...context.state.transfers.values()]
    .reverse()
    .filter(
      (transfer) =>
        (transfer.source.customerId === customerId || transfer.destination.customerId === customerId) &&
        (status === undefined || transfer.status === status),
    );
  return halResponse(200, {
    _links: { self: route.links.link(`/customers/${customerId}/transfers`, 'transfer') },
    _embedded: { transfers: transfers.map((transfer) => transferView(transfer, route.links)) },
    total: transfers.length,
  });
}

/** `POST /sandbox-simulations`: processes (or fails) every pending bank transfer now, like Dwolla Sandbox. */
export function simulateBankTransferProcessing(
  context: DwollaContext,
  route: DwollaRouteRequest,
): EmulatorResponse {
  const processed = processBankTransfers(context);
  return halResponse(200, {
    _links: { self: route.links.link('/sandbox-simulations', 'sandbox-simulation') },
    total: processed,
  });
}

import { createUuid } from '../ids.js';
import type { FieldRule, FieldSpecs } from '../kernel/field-spec-types.js';
import type { EmulatorResponse } from '../types.js';
import { metadataQuery, parseMtBody } from './mt-body.js';
import type { MtContext, MtRouteRequest } from './mt-context.js';
import { parameterInvalid, resourceNotFound } from './mt-errors.js';
import { checkMtBody, MT_METADATA, mtOptional, mtRequired } from './mt-fields.js';
import { listPage } from './mt-list.js';
import { outcomeForAccountNumber, paymentOrderStatusAt } from './mt-payment-lifecycle.js';
import type { MtPaymentOrderRecord } from './mt-state.js';
import { internalAccountView, paymentOrderView, returnView } from './mt-views.js';

/** A rule that the value is `expected`, with Modern Treasury's message when it is not. */
function oneOf(values: readonly string[], message: string): FieldRule {
  return { test: (value) => values.includes(value), expected: values.join(' or '), message };
}

/** Checked first: what the order is and where it comes from. */
const ORDER_FIELDS: FieldSpecs = {
  type: mtRequired({ rules: [oneOf(['ach'], 'The emulator supports payment orders of type ach only')] }),
  direction: mtRequired({ rules: [oneOf(['credit', 'debit'], 'direction must be credit or debit')] }),
  amount: {
    type: 'integer',
    required: true,
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    message: 'amount must be a positive integer in the smallest currency unit',
  },
  currency: mtOptional(3, { rules: [oneOf(['USD'], 'ACH payment orders must be in USD')] }),
  originating_account_id: mtRequired(),
};

/** Checked once the originating account is found, as Modern Treasury names the first problem it meets. */
const RECEIVING_FIELDS: FieldSpecs = {
  receiving_account_id: mtRequired(),
  description: mtOptional(1000),
  statement_descriptor: mtOptional(100),
  effective_date: mtOptional(10, {
    rules: [
      {
        test: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
        expected: 'a date (YYYY-MM-DD)',
        message: 'effective_date must be a date (YYYY-MM-DD)',
      },
    ],
  }),
  metadata: MT_METADATA,
};

/**
 * `POST /api/payment_orders` for ACH: `type`, `direction`, `amount` (integer cents), an
 * `originating_account_id` (an internal account) and a `receiving_account_id` (an external account) are
 * required. The order starts `approved` (no approval rules) and moves on the emulated clock.
 */
export function createPaymentOrder(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const body = parseMtBody(route.request.rawBody);
  const order = checkMtBody(body, ORDER_FIELDS);
  const direction = order.string('direction') === 'credit' ? 'credit' : 'debit';
  const amount = order.integer('amount') ?? 0;
  const originatingId = order.string('originating_account_id') ?? '';
  const originating = context.state.internalAccounts.get(originatingId);
  if (originating === undefined || originating.liveMode !== route.liveMode) {
    throw parameterInvalid('originating_account_id', 'Internal account not found');
  }
  if (body['receiving_account'] !== undefined && body['receiving_account_id'] === undefined) {
    throw parameterInvalid(
      'receiving_account',
      'The emulator needs receiving_account_id (an existing external account)',
    );
  }
  const checked = checkMtBody(body, RECEIVING_FIELDS);
  const receivingId = checked.string('receiving_account_id') ?? '';
  const receiving = context.state.externalAccounts.get(receivingId);
  if (receiving === undefined || receiving.liveMode !== route.liveMode) {
    throw parameterInvalid('receiving_account_id', 'External account not found');
  }
  const now = context.clock.now();
  const record: MtPaymentOrderRecord = {
    id: createUuid(),
    type: 'ach',
    direction,
    amount,
    currency: 'USD',
    originatingAccountId: originating.id,
    receivingAccountId: receiving.id,
    counterpartyId: receiving.counterpartyId,
    description: checked.string('description') ?? null,
    statementDescriptor: checked.string('statement_descriptor') ?? null,
    effectiveDate: checked.string('effective_date') ?? new Date(now).toISOString().slice(0, 10),
    metadata: checked.stringMap('metadata') ?? {},
    liveMode: route.liveMode,
    createdAt: now,
    outcome: outcomeForAccountNumber(receiving.accountNumber),
    returnId: createUuid(),
  };
  context.state.paymentOrders.set(record.id, record);
  return { status: 201, body: paymentOrderView(record, now) };
}

/** `GET /api/payment_orders/:id`. */
export function getPaymentOrder(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const record = context.state.paymentOrders.get(route.params[0] ?? '');
  if (record === undefined || record.liveMode !== route.liveMode) throw resourceNotFound();
  return { status: 200, body: paymentOrderView(record, context.clock.now()) };
}

/** `GET /api/payment_orders` with `counterparty_id`, `status`, `type`, `direction` and `metadata[key]`. */
export function listPaymentOrders(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const { query } = route.request;
  const now = context.clock.now();
  const metadata = metadataQuery(query);
  const equals = (name: string, value: string): boolean => {
    const wanted = query.get(name);
    return wanted === null || wanted === value;
  };
  const items = [...context.state.paymentOrders.values()].filter(
    (record) =>
      record.liveMode === route.liveMode &&
      equals('counterparty_id', record.counterpartyId) &&
      equals('status', paymentOrderStatusAt(record, now).status) &&
      equals('type', record.type) &&
      equals('direction', record.direction) &&
      [...metadata].every(([key, value]) => record.metadata[key] === value),
  );
  return listPage(items, query, (record) => paymentOrderView(record, now));
}

/** `GET /api/returns` (`returnable_id` filter): the returns of returned payment orders. */
export function listReturns(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const { query } = route.request;
  const now = context.clock.now();
  const returnableId = query.get('returnable_id');
  const items = [...context.state.paymentOrders.values()]
    .filter((record) => record.liveMode === route.liveMode)
    .filter((record) => returnableId === null || record.id === returnableId)
    .map((record) => returnView(record, now))
    .filter((view): view is Record<string, unknown> & { id: string } => view !== null);
  return listPage(items, query, (view) => view);
}

/** `GET /api/internal_accounts`: the seeded Gringotts account of the key's mode. */
export function listInternalAccounts(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const items = [...context.state.internalAccounts.values()].filter(
    (record) => record.liveMode === route.liveMode,
  );
  return listPage(items, route.request.query, internalAccountView);
}

/** `GET /api/internal_accounts/:id`. */
export function getInternalAccount(context: MtContext, route: MtRouteRequest): EmulatorResponse {
  const record = context.state.internalAccounts.get(route.params[0] ?? '');
  if (record === undefined || record.liveMode !== route.liveMode) throw resourceNotFound();
  return { status: 200, body: internalAccountView(record) };
}

import { checkBody } from '../kernel/field-spec-read.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import type { EmulatorResponse } from '../types.js';
import { bankFingerprint, bankNameFor, isValidAccountNumber, isValidRoutingNumber } from './dwolla-bank.js';
import { duplicateBank } from './dwolla-bank-add.js';
import { parseJsonBody } from './dwolla-body.js';
import type { DwollaContext, DwollaRouteRequest } from './dwolla-context.js';
import { requireCustomer } from './dwolla-customers.js';
import { dwollaError, embeddedError, notFound, validationError } from './dwolla-errors.js';
import { dwollaFieldErrors, dwollaText, fieldLabel } from './dwolla-field-errors.js';
import { fundingSourceView } from './dwolla-funding-source-view.js';
import { halResponse } from './dwolla-media.js';
import type { DwollaFundingSourceRecord } from './dwolla-state.js';

const UPDATE_FIELDS: FieldSpecs = {
  name: dwollaText({ maxLength: 50 }),
  routingNumber: dwollaText(),
  accountNumber: dwollaText(),
  bankAccountType: dwollaText({ pattern: /^(checking|savings)$/, code: 'Invalid' }),
};

function requireFundingSource(context: DwollaContext, id: string): DwollaFundingSourceRecord {
  const source = context.state.fundingSources.get(id.toLowerCase());
  if (!source) throw notFound('Funding source not found.');
  return source;
}

function cannotModify(): never {
  throw dwollaError(403, 'InvalidResourceState', 'Resource cannot be modified.');
}

/** `GET /customers/{id}/funding-sources`; `?removed=false` leaves removed ones out (default: all). */
export function listFundingSources(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const customer = requireCustomer(context, route.params[0] ?? '');
  const hideRemoved = route.request.query.get('removed')?.toLowerCase() === 'false';
  const sources = [...context.state.fundingSources.values()].filter(
    (source) => source.customerId === customer.id && !(hideRemoved && source.removed),
  );
  return halResponse(200, {
    _links: {
      self: route.links.link(`/customers/${customer.id}/funding-sources`, 'funding-source'),
      customer: route.links.link(`/customers/${customer.id}`, 'customer'),
    },
    _embedded: { 'funding-sources': sources.map((source) => fundingSourceView(source, route.links)) },
  });
}

/** `GET /funding-sources/{id}`: removed funding sources are still returned, with `removed: true`. */
export function getFundingSource(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  return halResponse(
    200,
    fundingSourceView(requireFundingSource(context, route.params[0] ?? ''), route.links),
  );
}

/**
 * `POST /funding-sources/{id}`: `{removed: true}` soft-deletes a bank (200 with the resource); otherwise a
 * rename (`name`), and for unverified banks also `routingNumber` + `accountNumber` / `bankAccountType`.
 * Removed funding sources and balances cannot be modified (403 `InvalidResourceState`).
 */
export function updateFundingSource(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const source = requireFundingSource(context, route.params[0] ?? '');
  const body = parseJsonBody(route.request.rawBody);
  if (body['removed'] !== undefined) {
    if (body['removed'] !== true)
      throw validationError([embeddedError('Invalid', 'Removed invalid.', '/removed')]);
    if (source.removed || source.type !== 'bank') cannotModify();
    source.removed = true;
    source.removedAt = context.clock.now();
    context.events.record(
      'customer_funding_source_removed',
      { resourceId: source.id, resourceCollection: 'funding-sources', customerId: source.customerId },
      context.clock.now(),
    );
    return halResponse(200, fundingSourceView(source, route.links));
  }
  if (source.removed || source.type !== 'bank') cannotModify();

  const checked = checkBody(body, { fields: UPDATE_FIELDS, unknown: 'allow' });
  const errors = dwollaFieldErrors(checked.violations);
  const add = (code: string, message: string, path: string): void => {
    errors.push(embeddedError(code, message, path));
  };
  const name = checked.string('name');
  const routingNumber = checked.string('routingNumber');
  const accountNumber = checked.string('accountNumber');
  const accountType = checked.string('bankAccountType');
  const numbersGiven = routingNumber !== undefined || accountNumber !== undefined;
  if (source.status === 'verified') {
    for (const [key, value] of [
      ['routingNumber', routingNumber],
      ['accountNumber', accountNumber],
      ['bankAccountType', accountType],
    ] as const) {
      if (value !== undefined)
        add('ReadOnly', `${fieldLabel(key)} cannot be changed on a verified funding source.`, `/${key}`);
    }
  } else if (numbersGiven) {
    if (routingNumber === undefined) add('Required', 'RoutingNumber required.', '/routingNumber');
    else if (!isValidRoutingNumber(routingNumber)) add('Invalid', 'RoutingNumber invalid.', '/routingNumber');
    if (accountNumber === undefined) add('Required', 'AccountNumber required.', '/accountNumber');
    else if (!isValidAccountNumber(accountNumber)) add('Invalid', 'AccountNumber invalid.', '/accountNumber');
  }
  if (name === undefined && !numbersGiven && accountType === undefined && errors.length === 0) {
    add('Required', 'Name required.', '/name');
  }
  if (errors.length > 0) throw validationError(errors);

  if (routingNumber !== undefined && accountNumber !== undefined) {
    const fingerprint = bankFingerprint(routingNumber, accountNumber);
    const clash = [...context.state.fundingSources.values()].find(
      (other) =>
        other.id !== source.id &&
        other.customerId === source.customerId &&
        !other.removed &&
        other.fingerprint === fingerprint,
    );
    if (clash) throw duplicateBank(clash, route);
    source.fingerprint = fingerprint;
    source.bankName = bankNameFor(routingNumber);
    source.accountMask = accountNumber.slice(-4);
  }
  if (name !== undefined) source.name = name;
  if (accountType === 'checking' || accountType === 'savings') source.bankAccountType = accountType;
  return halResponse(200, fundingSourceView(source, route.links));
}

import { isPlainObject } from '../input-validation.js';
import { checkBody } from '../kernel/field-spec-read.js';
import type { FieldSpecs, StringFieldSpec } from '../kernel/field-spec-types.js';
import type { BankAccountDetails, EmulatorResponse } from '../types.js';
import { bankNameFor, isValidAccountNumber, isValidRoutingNumber } from './dwolla-bank.js';
import { addBank } from './dwolla-bank-add.js';
import { parseJsonBody } from './dwolla-body.js';
import { DWOLLA_PROCESSOR, type DwollaContext, type DwollaRouteRequest } from './dwolla-context.js';
import { requireCustomer } from './dwolla-customers.js';
import {
  type DwollaEmbeddedError,
  dwollaError,
  embeddedError,
  notFound,
  validationError,
} from './dwolla-errors.js';
import { dwollaFieldErrors, dwollaText } from './dwolla-field-errors.js';
import { idFromHref } from './dwolla-links.js';
import type { DwollaCustomerRecord } from './dwolla-state.js';

const BANK_ACCOUNT_TYPE: StringFieldSpec = dwollaText({ pattern: /^(checking|savings)$/, code: 'Invalid' });
const NAME: StringFieldSpec = dwollaText({ required: true, maxLength: 50 });

const PLAID_TOKEN_FIELDS: FieldSpecs = {
  plaidToken: dwollaText({ required: true }),
  name: NAME,
  bankAccountType: BANK_ACCOUNT_TYPE,
};

const EXCHANGE_FIELDS: FieldSpecs = { bankAccountType: { ...BANK_ACCOUNT_TYPE, required: true }, name: NAME };

const ACCOUNT_NUMBER_FIELDS: FieldSpecs = {
  routingNumber: dwollaText({
    required: true,
    rules: [{ test: isValidRoutingNumber, expected: 'an ABA routing number', code: 'Invalid' }],
  }),
  accountNumber: dwollaText({
    required: true,
    rules: [{ test: isValidAccountNumber, expected: 'a bank account number', code: 'Invalid' }],
  }),
  ...EXCHANGE_FIELDS,
};

/** Reads `channels` (only `["wire"]` may be requested; ACH is always on) into the stored channel list. */
function readChannels(body: Record<string, unknown>, errors: DwollaEmbeddedError[]): string[] {
  const channels = body['channels'];
  if (channels === undefined || channels === null) return ['ach'];
  if (!Array.isArray(channels) || !channels.every((channel) => channel === 'wire')) {
    errors.push(embeddedError('Invalid', 'Channels invalid.', '/channels'));
    return ['ach'];
  }
  return channels.length > 0 ? ['ach', 'wire'] : ['ach'];
}

function bankAccountTypeOf(value: string | undefined): 'checking' | 'savings' | undefined {
  return value === 'checking' || value === 'savings' ? value : undefined;
}

/** The bank fields of a verified funding source made from a Plaid account (processor token or exchange). */
function fromPlaidAccount(details: BankAccountDetails, accountType: string | undefined) {
  return {
    routingNumber: details.routingNumber,
    accountNumber: details.accountNumber,
    bankAccountType: bankAccountTypeOf(accountType) ?? details.accountType,
    bankName: bankNameFor(details.routingNumber, details.institutionName),
    status: 'verified' as const,
    plaidItemId: details.itemId,
    plaidAccountId: details.accountId,
  };
}

/** `plaidToken` + `name` (+ optional `bankAccountType`, default: the Plaid account's subtype). */
function fromPlaidToken(
  context: DwollaContext,
  route: DwollaRouteRequest,
  customer: DwollaCustomerRecord,
  body: Record<string, unknown>,
): EmulatorResponse {
  const checked = checkBody(body, { fields: PLAID_TOKEN_FIELDS, unknown: 'allow' });
  const errors = dwollaFieldErrors(checked.violations);
  const token = checked.string('plaidToken');
  const name = checked.string('name');
  const accountType = checked.string('bankAccountType');
  const channels = readChannels(body, errors);
  // Dwolla fetches the account from Plaid with the token; an unknown or revoked (Item removed) token fails.
  // The token itself is never echoed back.
  const minted = token === undefined ? undefined : context.bridge.peek(DWOLLA_PROCESSOR, token);
  if (token !== undefined && !minted)
    errors.push(embeddedError('Invalid', 'Invalid plaid token.', '/plaidToken'));
  if (errors.length > 0 || !minted || name === undefined) throw validationError(errors);
  return addBank(context, route, {
    customer,
    ...fromPlaidAccount(minted.details, accountType),
    name,
    channels,
    origin: 'plaid-token',
  }).response;
}

/** `_links.exchange.href` + `bankAccountType` + `name` (Secure Exchange); each exchange is usable once. */
function fromExchange(
  context: DwollaContext,
  route: DwollaRouteRequest,
  customer: DwollaCustomerRecord,
  body: Record<string, unknown>,
): EmulatorResponse {
  const links = body['_links'] as Record<string, unknown>;
  const exchangeLink = links['exchange'];
  const href = isPlainObject(exchangeLink) ? exchangeLink['href'] : undefined;
  const errors: DwollaEmbeddedError[] = [];
  if (typeof href !== 'string' || href.trim() === '') {
    errors.push(embeddedError('Required', 'Exchange required.', '/_links/exchange/href'));
  }
  const checked = checkBody(body, { fields: EXCHANGE_FIELDS, unknown: 'allow' });
  errors.push(...dwollaFieldErrors(checked.violations));
  const accountType = checked.string('bankAccountType');
  const name = checked.string('name');
  if (errors.length > 0 || typeof href !== 'string' || name === undefined) throw validationError(errors);

  const exchangeId = idFromHref(href, 'exchanges');
  const exchange = exchangeId === undefined ? undefined : context.state.exchanges.get(exchangeId);
  if (!exchange || exchange.customerId !== customer.id) throw notFound('Exchange not found.');
  if (exchange.fundingSourceId !== undefined) {
    throw dwollaError(
      400,
      'ValidationError',
      'Duplicate funding source or validation error. Authorization already associated to a funding source.',
    );
  }
  const minted = context.bridge.peek(DWOLLA_PROCESSOR, exchange.processorToken);
  if (!minted) {
    throw dwollaError(
      400,
      'InvalidExchangeToken',
      'The exchange token is not valid to perform this operation.',
    );
  }
  const { response, source } = addBank(context, route, {
    customer,
    ...fromPlaidAccount(minted.details, accountType),
    name,
    channels: ['ach'],
    origin: 'exchange',
    exchangeId: exchange.id,
  });
  exchange.fundingSourceId = source.id;
  return response;
}

/** `routingNumber` + `accountNumber` + `bankAccountType` + `name`: an unverified bank (no micro-deposits). */
function fromAccountNumbers(
  context: DwollaContext,
  route: DwollaRouteRequest,
  customer: DwollaCustomerRecord,
  body: Record<string, unknown>,
): EmulatorResponse {
  const checked = checkBody(body, { fields: ACCOUNT_NUMBER_FIELDS, unknown: 'allow' });
  const errors = dwollaFieldErrors(checked.violations);
  const routingNumber = checked.string('routingNumber');
  const accountNumber = checked.string('accountNumber');
  const name = checked.string('name');
  const channels = readChannels(body, errors);
  const bankAccountType = bankAccountTypeOf(checked.string('bankAccountType'));
  if (
    errors.length > 0 ||
    routingNumber === undefined ||
    accountNumber === undefined ||
    bankAccountType === undefined ||
    name === undefined
  ) {
    throw validationError(errors);
  }
  return addBank(context, route, {
    customer,
    routingNumber,
    accountNumber,
    bankAccountType,
    bankName: bankNameFor(routingNumber),
    name,
    channels,
    status: 'unverified',
    origin: 'account-numbers',
  }).response;
}

/** `POST /customers/{id}/funding-sources`: from a Plaid processor token, an exchange, or account numbers. */
export function createFundingSource(context: DwollaContext, route: DwollaRouteRequest): EmulatorResponse {
  const customer = requireCustomer(
    context,
    route.params[0] ?? '',
    'Customer ID not found. Check Customer ID.',
  );
  const body = parseJsonBody(route.request.rawBody);
  if (body['plaidToken'] !== undefined) return fromPlaidToken(context, route, customer, body);
  const links = body['_links'];
  if (isPlainObject(links) && links['exchange'] !== undefined)
    return fromExchange(context, route, customer, body);
  return fromAccountNumbers(context, route, customer, body);
}

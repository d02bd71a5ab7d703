import { removeBankAccount } from './stripe-bank-accounts.js';
import { attachTokenToCustomer, resolveBankToken } from './stripe-bank-tokens.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { findCustomer } from './stripe-customers.js';
import { invalidParameter, parameterMissing, resourceMissing } from './stripe-errors.js';
import { applyExpand, checkExpand } from './stripe-expand.js';
import { paginate } from './stripe-list.js';
import {
  applyMetadata,
  readOptionalBoolean,
  readOptionalEnum,
  readOptionalString,
  rejectUnknownParams,
} from './stripe-params.js';
import { renderBankAccount } from './stripe-render.js';
import type { BankAccountRecord } from './stripe-state.js';

function findCustomerSource(context: StripeHandlerContext): BankAccountRecord {
  const customer = findCustomer(context, context.pathParams['customer'] as string, {
    param: 'customer',
    inPath: true,
  });
  const id = context.pathParams['id'] as string;
  const account = context.state.bankAccounts.get(id);
  if (account === undefined || account.customer !== customer.id || account.livemode !== customer.livemode) {
    throw resourceMissing('source', id, 'id', { inPath: true });
  }
  return account;
}

/** `POST /v1/customers/{customer}/sources`: attaches a `btok_` (as `source` or `bank_account`) to the customer. */
export const createCustomerSource: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, {
    bank_account: true,
    expand: true,
    metadata: true,
    source: true,
    validate: true,
  });
  checkExpand(params, 'bank_account');
  const customer = findCustomer(context, context.pathParams['customer'] as string, {
    param: 'customer',
    inPath: true,
  });
  if (params['bank_account'] !== undefined && typeof params['bank_account'] !== 'string') {
    throw invalidParameter(
      'bank_account',
      'The emulator only attaches bank accounts from tokens: pass a btok_ id as `source` (raw account numbers are not supported).',
    );
  }
  const param = params['source'] !== undefined ? 'source' : 'bank_account';
  const tokenId = readOptionalString(params, param);
  if (typeof tokenId !== 'string') throw parameterMissing('source');
  readOptionalBoolean(params, 'validate');
  const metadata = applyMetadata(params, {});
  const token = resolveBankToken(context, tokenId, { param, inPath: false });
  const account = attachTokenToCustomer(context, token, customer.id, metadata, param);
  return { status: 200, body: applyExpand(context, params, renderBankAccount(account)) };
};

/** `GET /v1/customers/{customer}/sources`: lists the customer's bank accounts (filter `object=bank_account`). */
export const listCustomerSources: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, {
    ending_before: true,
    expand: true,
    limit: true,
    object: true,
    starting_after: true,
  });
  checkExpand(params, 'list:bank_account');
  const customer = findCustomer(context, context.pathParams['customer'] as string, {
    param: 'customer',
    inPath: true,
  });
  const object = readOptionalEnum(params, 'object', ['account', 'bank_account', 'card', 'source'] as const);
  const accounts =
    object === undefined || object === 'bank_account'
      ? customer.sourceIds
          .map((id) => context.state.bankAccounts.get(id))
          .filter((account) => account !== undefined)
          .reverse()
      : [];
  const list = paginate(accounts, params, `/v1/customers/${customer.id}/sources`, renderBankAccount);
  return { status: 200, body: applyExpand(context, params, list) };
};

/** `GET /v1/customers/{customer}/sources/{id}`: retrieves one of the customer's bank accounts. */
export const retrieveCustomerSource: StripeHandler = (context) => {
  rejectUnknownParams(context.params, { expand: true });
  checkExpand(context.params, 'bank_account');
  const account = findCustomerSource(context);
  return { status: 200, body: applyExpand(context, context.params, renderBankAccount(account)) };
};

/** `POST /v1/customers/{customer}/sources/{id}`: updates a bank account's metadata or holder details. */
export const updateCustomerSource: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, {
    account_holder_name: true,
    account_holder_type: true,
    expand: true,
    metadata: true,
  });
  checkExpand(params, 'bank_account');
  const account = findCustomerSource(context);
  const holderName = readOptionalString(params, 'account_holder_name');
  const holderType = readOptionalEnum(params, 'account_holder_type', ['individual', 'company'] as const);
  account.metadata = applyMetadata(params, account.metadata);
  if (holderName !== undefined) account.accountHolderName = holderName;
  if (holderType !== undefined) account.accountHolderType = holderType;
  return { status: 200, body: applyExpand(context, params, renderBankAccount(account)) };
};

/** `DELETE /v1/customers/{customer}/sources/{id}`: detaches and deletes a bank account. */
export const deleteCustomerSource: StripeHandler = (context) => {
  rejectUnknownParams(context.params, {});
  const account = findCustomerSource(context);
  removeBankAccount(context.state, account.id);
  return { status: 200, body: { id: account.id, object: 'bank_account', currency: 'usd', deleted: true } };
};

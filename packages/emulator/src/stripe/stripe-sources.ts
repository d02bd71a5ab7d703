import type { FieldSpecs } from '../kernel/field-spec-types.js';
import { removeBankAccount } from './stripe-bank-accounts.js';
import { attachTokenToCustomer, resolveBankToken } from './stripe-bank-tokens.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { findCustomer } from './stripe-customers.js';
import { parameterMissing, resourceMissing } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { STRIPE_BOOLEAN, stripeEnum, stripeString } from './stripe-fields.js';
import { LIST_FIELDS, paginate, readPage } from './stripe-list.js';
import { mergeMetadata, STRIPE_METADATA } from './stripe-metadata.js';
import { renderBankAccount } from './stripe-render.js';
import type { BankAccountRecord } from './stripe-state.js';

/** `POST /v1/customers/{customer}/sources`: a btok as `source` or `bank_account` (raw account numbers refused). */
const CREATE_SOURCE_FIELDS: FieldSpecs = {
  bank_account: stripeString(undefined, {
    message:
      'The emulator only attaches bank accounts from tokens: pass a btok_ id as `source` (raw account numbers are not supported).',
  }),
  source: stripeString(),
  validate: STRIPE_BOOLEAN,
  metadata: STRIPE_METADATA,
};

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
  const checked = checkStripeParams(params, { fields: CREATE_SOURCE_FIELDS, expand: 'bank_account' });
  const customer = findCustomer(context, context.pathParams['customer'] as string, {
    param: 'customer',
    inPath: true,
  });
  const param = params['source'] !== undefined ? 'source' : 'bank_account';
  const tokenId = checked.string(param);
  if (tokenId === undefined) throw parameterMissing('source');
  const metadata = mergeMetadata(checked, {});
  const token = resolveBankToken(context, tokenId, { param, inPath: false });
  const account = attachTokenToCustomer(context, token, customer.id, metadata, param);
  return { status: 200, body: applyExpand(context, params, renderBankAccount(account)) };
};

/** `GET /v1/customers/{customer}/sources`: lists the customer's bank accounts (filter `object=bank_account`). */
export const listCustomerSources: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { object: stripeEnum(['account', 'bank_account', 'card', 'source']), ...LIST_FIELDS },
    expand: 'list:bank_account',
  });
  const customer = findCustomer(context, context.pathParams['customer'] as string, {
    param: 'customer',
    inPath: true,
  });
  const object = checked.string('object');
  const accounts =
    object === undefined || object === 'bank_account'
      ? customer.sourceIds
          .map((id) => context.state.bankAccounts.get(id))
          .filter((account) => account !== undefined)
          .reverse()
      : [];
  const list = paginate(
    accounts,
    readPage(checked),
    `/v1/customers/${customer.id}/sources`,
    renderBankAccount,
  );
  return { status: 200, body: applyExpand(context, context.params, list) };
};

/** `GET /v1/customers/{customer}/sources/{id}`: retrieves one of the customer's bank accounts. */
export const retrieveCustomerSource: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {}, expand: 'bank_account' });
  const account = findCustomerSource(context);
  return { status: 200, body: applyExpand(context, context.params, renderBankAccount(account)) };
};

/** `POST /v1/customers/{customer}/sources/{id}`: updates a bank account's metadata or holder details. */
export const updateCustomerSource: StripeHandler = (context) => {
  const { params } = context;
  const checked = checkStripeParams(params, {
    fields: {
      account_holder_name: stripeString(),
      account_holder_type: stripeEnum(['individual', 'company']),
      metadata: STRIPE_METADATA,
    },
    expand: 'bank_account',
  });
  const account = findCustomerSource(context);
  const holderName = checked.nullableString('account_holder_name');
  const holderType = checked.string('account_holder_type') as 'individual' | 'company' | undefined;
  account.metadata = mergeMetadata(checked, account.metadata);
  if (holderName !== undefined) account.accountHolderName = holderName;
  if (holderType !== undefined) account.accountHolderType = holderType;
  return { status: 200, body: applyExpand(context, params, renderBankAccount(account)) };
};

/** `DELETE /v1/customers/{customer}/sources/{id}`: detaches and deletes a bank account. */
export const deleteCustomerSource: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {} });
  const account = findCustomerSource(context);
  removeBankAccount(context.state, account.id);
  return { status: 200, body: { id: account.id, object: 'bank_account', currency: 'usd', deleted: true } };
};

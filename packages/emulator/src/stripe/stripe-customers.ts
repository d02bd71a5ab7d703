import type { CheckedFields } from '../kernel/field-spec-read.js';
import type { FieldRule, FieldSpecs } from '../kernel/field-spec-types.js';
import { removeBankAccount } from './stripe-bank-accounts.js';
import { attachTokenToCustomer, resolveBankToken } from './stripe-bank-tokens.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { invalidParameter, resourceMissing } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { stripeString } from './stripe-fields.js';
import { createStripeId } from './stripe-ids.js';
import { LIST_FIELDS, paginate, readPage } from './stripe-list.js';
import { findInMode } from './stripe-lookup.js';
import { mergeMetadata, STRIPE_METADATA } from './stripe-metadata.js';
import { renderCustomer } from './stripe-render.js';
import type { CustomerRecord } from './stripe-state.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Stripe's check of an email address (`email_invalid`, quoting the address). */
const EMAIL_RULE: FieldRule = {
  test: (value) => EMAIL_PATTERN.test(value),
  expected: 'an email address',
  code: 'email_invalid',
  explain: (value) => `Invalid email address: ${value}`,
};

/** The customer fields create and update share (update also takes `default_source`, create `source`). */
const CUSTOMER_FIELDS: FieldSpecs = {
  email: stripeString(512, { rules: [EMAIL_RULE] }),
  name: stripeString(256),
  description: stripeString(350),
  phone: stripeString(20),
  metadata: STRIPE_METADATA,
};

/** The checked customer fields: a string, null when unset with `''`, undefined when absent. */
function readCustomerFields(checked: CheckedFields) {
  return {
    email: checked.nullableString('email'),
    name: checked.nullableString('name'),
    description: checked.nullableString('description'),
    phone: checked.nullableString('phone'),
  };
}

/** Finds a customer in the caller's mode; deleted customers count as missing unless `allowDeleted`. */
export function findCustomer(
  context: StripeHandlerContext,
  id: string,
  source: { param: string; inPath: boolean },
  allowDeleted = false,
): CustomerRecord {
  const record = findInMode(context.state.customers, id, context.caller.livemode, 'customer', source);
  if (record.deleted && !allowDeleted)
    throw resourceMissing('customer', id, source.param, { inPath: source.inPath });
  return record;
}

function respond(context: StripeHandlerContext, record: CustomerRecord) {
  return { status: 200, body: applyExpand(context, context.params, renderCustomer(record)) };
}

/** `POST /v1/customers`: creates a customer, optionally attaching a `btok_` given as `source`. */
export const createCustomer: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { ...CUSTOMER_FIELDS, source: stripeString() },
    expand: 'customer',
  });
  const { email, name, description, phone } = readCustomerFields(checked);
  const metadata = mergeMetadata(checked, {});
  const sourceId = checked.string('source');
  const token = sourceId
    ? resolveBankToken(context, sourceId, { param: 'source', inPath: false })
    : undefined;
  const record: CustomerRecord = {
    id: createStripeId('cus'),
    livemode: context.caller.livemode,
    created: nowSeconds(context),
    email: email ?? null,
    name: name ?? null,
    description: description ?? null,
    phone: phone ?? null,
    metadata,
    defaultSource: null,
    sourceIds: [],
    deleted: false,
  };
  if (token !== undefined) {
    // Attach first on a detached record so a used token leaves no half-created customer behind.
    context.state.customers.set(record.id, record);
    try {
      attachTokenToCustomer(context, token, record.id, {}, 'source');
    } catch (error) {
      context.state.customers.delete(record.id);
      throw error;
    }
  } else {
    context.state.customers.set(record.id, record);
  }
  return respond(context, record);
};

/** `GET /v1/customers/{customer}`: retrieves a customer (deleted ones answer `deleted: true`). */
export const retrieveCustomer: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {}, expand: 'customer' });
  const id = context.pathParams['customer'] as string;
  return respond(context, findCustomer(context, id, { param: 'id', inPath: true }, true));
};

/** `DELETE /v1/customers/{customer}`: deletes a customer and its bank accounts (their mandates go inactive). */
export const deleteCustomer: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {} });
  const id = context.pathParams['customer'] as string;
  const record = findCustomer(context, id, { param: 'id', inPath: true });
  for (const sourceId of [...record.sourceIds]) removeBankAccount(context.state, sourceId);
  record.deleted = true;
  return { status: 200, body: renderCustomer(record) };
};

/** `POST /v1/customers/{customer}`: updates email, name, description, phone, metadata or default_source. */
export const updateCustomer: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { ...CUSTOMER_FIELDS, default_source: stripeString() },
    expand: 'customer',
  });
  const id = context.pathParams['customer'] as string;
  const record = findCustomer(context, id, { param: 'id', inPath: true });
  const { email, name, description, phone } = readCustomerFields(checked);
  const metadata = mergeMetadata(checked, record.metadata);
  const defaultSource = checked.nullableString('default_source');
  if (typeof defaultSource === 'string' && !record.sourceIds.includes(defaultSource)) {
    throw invalidParameter(
      'default_source',
      `No such source: '${defaultSource}'; the customer ${record.id} has no source with that id.`,
      'resource_missing',
    );
  }
  if (email !== undefined) record.email = email;
  if (name !== undefined) record.name = name;
  if (description !== undefined) record.description = description;
  if (phone !== undefined) record.phone = phone;
  if (defaultSource !== undefined) record.defaultSource = defaultSource;
  record.metadata = metadata;
  return respond(context, record);
};

/** `GET /v1/customers`: lists customers newest first, optionally filtered by exact `email`. */
export const listCustomers: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { email: stripeString(512), ...LIST_FIELDS },
    expand: 'list:customer',
  });
  const email = checked.string('email');
  const customers = [...context.state.customers.values()]
    .filter((record) => record.livemode === context.caller.livemode && !record.deleted)
    .filter((record) => typeof email !== 'string' || record.email === email)
    .reverse();
  const list = paginate(customers, readPage(checked), '/v1/customers', renderCustomer);
  return { status: 200, body: applyExpand(context, context.params, list) };
};

import type { FormHash } from './form-decode.js';
import { removeBankAccount } from './stripe-bank-accounts.js';
import { attachTokenToCustomer, resolveBankToken } from './stripe-bank-tokens.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { invalidParameter, resourceMissing } from './stripe-errors.js';
import { applyExpand, checkExpand } from './stripe-expand.js';
import { createStripeId } from './stripe-ids.js';
import { paginate } from './stripe-list.js';
import { findInMode } from './stripe-lookup.js';
import { applyMetadata, readOptionalString, rejectUnknownParams } from './stripe-params.js';
import { renderCustomer } from './stripe-render.js';
import type { CustomerRecord } from './stripe-state.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readEmail(params: FormHash): string | null | undefined {
  const email = readOptionalString(params, 'email', 'email', 512);
  if (typeof email === 'string' && !EMAIL_PATTERN.test(email)) {
    throw invalidParameter('email', `Invalid email address: ${email}`, 'email_invalid');
  }
  return email;
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
  const { params } = context;
  rejectUnknownParams(params, {
    description: true,
    email: true,
    expand: true,
    metadata: true,
    name: true,
    phone: true,
    source: true,
  });
  checkExpand(params, 'customer');
  const email = readEmail(params);
  const name = readOptionalString(params, 'name', 'name', 256);
  const description = readOptionalString(params, 'description', 'description', 350);
  const phone = readOptionalString(params, 'phone', 'phone', 20);
  const metadata = applyMetadata(params, {});
  const sourceId = readOptionalString(params, 'source');
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
  rejectUnknownParams(context.params, { expand: true });
  checkExpand(context.params, 'customer');
  const id = context.pathParams['customer'] as string;
  return respond(context, findCustomer(context, id, { param: 'id', inPath: true }, true));
};

/** `DELETE /v1/customers/{customer}`: deletes a customer and its bank accounts (their mandates go inactive). */
export const deleteCustomer: StripeHandler = (context) => {
  rejectUnknownParams(context.params, {});
  const id = context.pathParams['customer'] as string;
  const record = findCustomer(context, id, { param: 'id', inPath: true });
  for (const sourceId of [...record.sourceIds]) removeBankAccount(context.state, sourceId);
  record.deleted = true;
  return { status: 200, body: renderCustomer(record) };
};

/** `POST /v1/customers/{customer}`: updates email, name, description, phone, metadata or default_source. */
export const updateCustomer: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, {
    default_source: true,
    description: true,
    email: true,
    expand: true,
    metadata: true,
    name: true,
    phone: true,
  });
  checkExpand(params, 'customer');
  const id = context.pathParams['customer'] as string;
  const record = findCustomer(context, id, { param: 'id', inPath: true });
  const email = readEmail(params);
  const name = readOptionalString(params, 'name', 'name', 256);
  const description = readOptionalString(params, 'description', 'description', 350);
  const phone = readOptionalString(params, 'phone', 'phone', 20);
  const metadata = applyMetadata(params, record.metadata);
  const defaultSource = readOptionalString(params, 'default_source');
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
  const { params } = context;
  rejectUnknownParams(params, {
    email: true,
    ending_before: true,
    expand: true,
    limit: true,
    starting_after: true,
  });
  checkExpand(params, 'list:customer');
  const email = readOptionalString(params, 'email', 'email', 512);
  const customers = [...context.state.customers.values()]
    .filter((record) => record.livemode === context.caller.livemode && !record.deleted)
    .filter((record) => typeof email !== 'string' || record.email === email)
    .reverse();
  const list = paginate(customers, params, '/v1/customers', renderCustomer);
  return { status: 200, body: applyExpand(context, params, list) };
};

import { checkBody } from '../kernel/field-spec-read.js';
import type { ArrayFieldSpec } from '../kernel/field-spec-types.js';
import type { FormHash } from './form-decode.js';
import type { StripeHandlerContext } from './stripe-context.js';
import { invalidParameter } from './stripe-errors.js';
import { STRIPE_STRING_LIST } from './stripe-fields.js';
import { renderBankAccount, renderCustomer, renderMandate } from './stripe-render.js';

type Expander = (context: StripeHandlerContext, parent: Record<string, unknown>, value: unknown) => unknown;

function expandCustomer(
  context: StripeHandlerContext,
  _parent: Record<string, unknown>,
  value: unknown,
): unknown {
  if (typeof value !== 'string') return value;
  const record = context.state.customers.get(value);
  return record === undefined ? value : renderCustomer(record);
}

function expandBankAccount(
  context: StripeHandlerContext,
  _parent: Record<string, unknown>,
  value: unknown,
): unknown {
  if (typeof value !== 'string') return value;
  const record = context.state.bankAccounts.get(value);
  return record === undefined ? value : renderBankAccount(record);
}

function expandMandate(
  context: StripeHandlerContext,
  _parent: Record<string, unknown>,
  value: unknown,
): unknown {
  if (typeof value !== 'string') return value;
  const record = context.state.mandates.get(value);
  return record === undefined ? value : renderMandate(record);
}

function expandSources(context: StripeHandlerContext, parent: Record<string, unknown>): unknown {
  const id = String(parent['id']);
  const record = context.state.customers.get(id);
  const accounts = (record?.sourceIds ?? [])
    .map((sourceId) => context.state.bankAccounts.get(sourceId))
    .filter((account) => account !== undefined)
    .reverse();
  return {
    object: 'list',
    data: accounts.map(renderBankAccount),
    has_more: false,
    total_count: accounts.length,
    url: `/v1/customers/${id}/sources`,
  };
}

/** Which fields of which object type can be expanded, and how. */
const EXPANDABLE: Record<string, Record<string, Expander>> = {
  customer: { default_source: expandBankAccount, sources: expandSources },
  bank_account: { customer: expandCustomer },
  payment_method: { customer: expandCustomer },
  payment_intent: { customer: expandCustomer, payment_method: expandBankAccount },
  setup_intent: { customer: expandCustomer, payment_method: expandBankAccount, mandate: expandMandate },
  mandate: { payment_method: expandBankAccount },
};

/** The object type an expansion yields (`list:` prefixes a list of that type). */
const EXPANDS_TO: Record<string, Record<string, string>> = {
  customer: { default_source: 'bank_account', sources: 'list:bank_account' },
  bank_account: { customer: 'customer' },
  payment_method: { customer: 'customer' },
  payment_intent: { customer: 'customer', payment_method: 'bank_account' },
  setup_intent: { customer: 'customer', payment_method: 'bank_account', mandate: 'mandate' },
  mandate: { payment_method: 'bank_account' },
};

const MAX_EXPAND_DEPTH = 4;

function cannotExpand(field: string): Error {
  return invalidParameter('expand', `This property cannot be expanded (${field}).`);
}

/** The `expand[]` parameter: a list of dotted paths. */
export const EXPAND_FIELD: ArrayFieldSpec = STRIPE_STRING_LIST;

/**
 * Checks the `expand[]` paths against the response's object type (`customer`, `list:bank_account`, ...) before a
 * handler changes any state, so a bad expansion is a validation error with no side effects.
 */
export function checkExpand(paths: readonly string[], rootType: string): void {
  for (const full of paths) {
    const path = full.split('.');
    if (path.length > MAX_EXPAND_DEPTH) {
      throw invalidParameter(
        'expand',
        `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property.`,
      );
    }
    let type = rootType;
    for (const field of path) {
      if (type.startsWith('list:')) {
        if (field !== 'data') throw cannotExpand(field);
        type = type.slice('list:'.length);
        continue;
      }
      const next = EXPANDS_TO[type]?.[field];
      if (next === undefined) throw cannotExpand(field);
      type = next;
    }
  }
}

function expandPath(context: StripeHandlerContext, target: unknown, path: string[]): void {
  if (typeof target !== 'object' || target === null) return;
  const object = target as Record<string, unknown>;
  const [field, ...rest] = path;
  if (field === undefined) return;
  if (object['object'] === 'list' && field === 'data') {
    for (const item of object['data'] as unknown[]) expandPath(context, item, rest);
    return;
  }
  const expander = EXPANDABLE[String(object['object'])]?.[field];
  if (expander === undefined) throw cannotExpand(field);
  object[field] = expander(context, object, object[field]);
  expandPath(context, object[field], rest);
}

/** Applies Stripe's `expand[]` parameter (checked earlier with `checkExpand`) to a rendered object or list. */
export function applyExpand(context: StripeHandlerContext, params: FormHash, rendered: unknown): unknown {
  const paths = checkBody(params, { fields: { expand: EXPAND_FIELD }, unknown: 'allow' }).stringList(
    'expand',
  );
  for (const full of paths ?? []) expandPath(context, rendered, full.split('.'));
  return rendered;
}

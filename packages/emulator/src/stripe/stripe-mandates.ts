import { isIP } from 'node:net';
import type { CheckedFields } from '../kernel/field-spec-read.js';
import type { FieldRule, ObjectFieldSpec } from '../kernel/field-spec-types.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { parameterMissing, StripeApiError } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { stripeEnum, stripeHash, stripeInteger, stripeRequiredString } from './stripe-fields.js';
import { createStripeId } from './stripe-ids.js';
import { findInMode } from './stripe-lookup.js';
import { renderMandate } from './stripe-render.js';
import type { CustomerAcceptanceRecord, MandateRecord } from './stripe-state.js';

/** The one check of `mandate_data[customer_acceptance][online][ip_address]`: an IPv4 or IPv6 address. */
const IP_ADDRESS_RULE: FieldRule = {
  test: (value) => isIP(value) !== 0,
  expected: 'an IP address',
  explain: (value) => `Invalid IP address: ${value}`,
};

/**
 * The `mandate_data` parameter both intents accept: `customer_acceptance` with its `type` (online/offline),
 * `accepted_at`, `offline` (may be sent empty) and `online` (`ip_address` and `user_agent`).
 */
export const MANDATE_DATA_FIELD: ObjectFieldSpec = stripeHash({
  customer_acceptance: stripeHash(
    {
      type: stripeEnum(['online', 'offline'], { required: true }),
      accepted_at: stripeInteger(),
      offline: stripeHash({}, { emptyUnsets: true }),
      online: stripeHash({
        ip_address: stripeRequiredString({ rules: [IP_ADDRESS_RULE] }),
        user_agent: stripeRequiredString(),
      }),
    },
    { required: true },
  ),
});

/**
 * The customer acceptance of a checked `mandate_data` (online acceptance needs `online`), or undefined when
 * `mandate_data` is absent.
 */
export function readMandateData(
  context: StripeHandlerContext,
  checked: CheckedFields,
): CustomerAcceptanceRecord | undefined {
  const acceptance = checked.object('mandate_data')?.object('customer_acceptance');
  if (acceptance === undefined) return undefined;
  const acceptedAt = acceptance.integer('accepted_at') ?? nowSeconds(context);
  if (acceptance.string('type') === 'offline') return { type: 'offline', acceptedAt, online: null };
  const online = acceptance.object('online');
  if (online === undefined) throw parameterMissing('mandate_data[customer_acceptance][online]');
  return {
    type: 'online',
    acceptedAt,
    online: { ipAddress: online.string('ip_address') ?? '', userAgent: online.string('user_agent') ?? '' },
  };
}

/** Stores a new active mandate for a bank account. */
export function createMandate(
  context: StripeHandlerContext,
  acceptance: CustomerAcceptanceRecord,
  paymentMethod: string,
  customer: string | null,
  singleUse: { amount: number; currency: string } | null,
): MandateRecord {
  const record: MandateRecord = {
    id: createStripeId('mandate'),
    livemode: context.caller.livemode,
    created: nowSeconds(context),
    customer,
    paymentMethod,
    customerAcceptance: acceptance,
    status: 'active',
    type: singleUse === null ? 'multi_use' : 'single_use',
    singleUse,
  };
  context.state.mandates.set(record.id, record);
  return record;
}

/** The newest active multi-use mandate of a payment method, which Stripe selects automatically. */
export function findActiveMandate(
  context: StripeHandlerContext,
  paymentMethod: string,
): MandateRecord | undefined {
  return [...context.state.mandates.values()]
    .reverse()
    .find(
      (mandate) =>
        mandate.paymentMethod === paymentMethod &&
        mandate.status === 'active' &&
        mandate.type === 'multi_use' &&
        mandate.livemode === context.caller.livemode,
    );
}

/** Resolves a `mandate` parameter: it must exist, be active and belong to the payment method. */
export function resolveMandateParam(
  context: StripeHandlerContext,
  mandateId: string,
  paymentMethod: string,
): MandateRecord {
  const mandate = findInMode(context.state.mandates, mandateId, context.caller.livemode, 'mandate', {
    param: 'mandate',
    inPath: false,
  });
  if (mandate.paymentMethod !== paymentMethod) {
    throw new StripeApiError(
      400,
      {
        type: 'invalid_request_error',
        param: 'mandate',
        message: `The mandate ${mandate.id} is for the payment method ${mandate.paymentMethod}, not ${paymentMethod}.`,
      },
      'execution',
    );
  }
  if (mandate.status !== 'active') {
    throw new StripeApiError(
      400,
      {
        type: 'invalid_request_error',
        param: 'mandate',
        message: `The mandate ${mandate.id} is ${mandate.status} and cannot be used for payments.`,
      },
      'execution',
    );
  }
  return mandate;
}

/** `GET /v1/mandates/{mandate}`: retrieves a mandate. */
export const retrieveMandate: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {}, expand: 'mandate' });
  const mandate = findInMode(
    context.state.mandates,
    context.pathParams['mandate'] as string,
    context.caller.livemode,
    'mandate',
    { param: 'mandate', inPath: true },
  );
  return { status: 200, body: applyExpand(context, context.params, renderMandate(mandate)) };
};

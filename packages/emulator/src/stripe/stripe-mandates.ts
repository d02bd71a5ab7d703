import { isIP } from 'node:net';
import type { FormHash } from './form-decode.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { invalidParameter, parameterMissing, StripeApiError } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { createStripeId } from './stripe-ids.js';
import { findInMode } from './stripe-lookup.js';
import { readHash, readOptionalEnum, readOptionalInteger, readRequiredString } from './stripe-params.js';
import { renderMandate } from './stripe-render.js';
import type { CustomerAcceptanceRecord, MandateRecord } from './stripe-state.js';

/** The `mandate_data` parameter shape both intents accept. */
export const MANDATE_DATA_SPEC = {
  customer_acceptance: {
    accepted_at: true,
    offline: {},
    online: { ip_address: true, user_agent: true },
    type: true,
  },
} as const;

/**
 * Reads `mandate_data[customer_acceptance]` (type online/offline; online needs ip_address and user_agent),
 * or returns undefined when `mandate_data` is absent.
 */
export function readMandateData(
  context: StripeHandlerContext,
  params: FormHash,
): CustomerAcceptanceRecord | undefined {
  const mandateData = readHash(params, 'mandate_data');
  if (mandateData === undefined) return undefined;
  const base = 'mandate_data[customer_acceptance]';
  const acceptance = readHash(mandateData, 'customer_acceptance', base);
  if (acceptance === undefined) throw parameterMissing(base);
  const type = readOptionalEnum(acceptance, 'type', ['online', 'offline'] as const, `${base}[type]`);
  if (type === undefined) throw parameterMissing(`${base}[type]`);
  const acceptedAt =
    readOptionalInteger(acceptance, 'accepted_at', `${base}[accepted_at]`) ?? nowSeconds(context);
  if (type === 'offline') return { type, acceptedAt, online: null };
  const online = readHash(acceptance, 'online', `${base}[online]`);
  if (online === undefined) throw parameterMissing(`${base}[online]`);
  const ipAddress = readRequiredString(online, 'ip_address', `${base}[online][ip_address]`);
  const userAgent = readRequiredString(online, 'user_agent', `${base}[online][user_agent]`);
  if (isIP(ipAddress) === 0) {
    throw invalidParameter(`${base}[online][ip_address]`, `Invalid IP address: ${ipAddress}`);
  }
  return { type, acceptedAt, online: { ipAddress, userAgent } };
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

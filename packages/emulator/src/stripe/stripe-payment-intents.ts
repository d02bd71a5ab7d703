import type { FormHash } from './form-decode.js';
import { resolveBankAccountPaymentMethod } from './stripe-bank-accounts.js';
import type { StripeHandler, StripeHandlerContext, StripeHandlerResult } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { findCustomer } from './stripe-customers.js';
import { invalidParameter, StripeApiError } from './stripe-errors.js';
import { applyExpand, checkExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { stripeString } from './stripe-fields.js';
import { createStripeId, randomBase62 } from './stripe-ids.js';
import { readPaymentMethodTypes } from './stripe-intent-params.js';
import { LIST_FIELDS, paginate, readPage } from './stripe-list.js';
import { findInMode } from './stripe-lookup.js';
import {
  createMandate,
  findActiveMandate,
  MANDATE_DATA_SPEC,
  readMandateData,
  resolveMandateParam,
} from './stripe-mandates.js';
import {
  applyMetadata,
  readOptionalBoolean,
  readOptionalEnum,
  readOptionalString,
  readRequiredInteger,
  readRequiredString,
  rejectUnknownParams,
} from './stripe-params.js';
import { renderPaymentIntent } from './stripe-render.js';
import { settlePaymentIntent } from './stripe-settlement.js';
import type { CustomerAcceptanceRecord, PaymentIntentRecord } from './stripe-state.js';

/** Smallest and largest USD amounts (cents) Stripe accepts for a payment. */
const MIN_AMOUNT = 50;
const MAX_AMOUNT = 99_999_999;

interface ConfirmInput {
  paymentMethod: string | undefined;
  mandate: string | undefined;
  acceptance: CustomerAcceptanceRecord | undefined;
}

function respond(context: StripeHandlerContext, record: PaymentIntentRecord): StripeHandlerResult {
  return {
    status: 200,
    body: applyExpand(context, context.params, renderPaymentIntent(record, context.apiVersion)),
  };
}

function readAmount(params: FormHash): number {
  const amount = readRequiredInteger(params, 'amount');
  if (amount < 1) {
    throw invalidParameter(
      'amount',
      'This value must be greater than or equal to 1.',
      'parameter_invalid_integer',
    );
  }
  if (amount < MIN_AMOUNT)
    throw invalidParameter('amount', 'Amount must be at least $0.50 usd', 'amount_too_small');
  if (amount > MAX_AMOUNT) {
    throw invalidParameter('amount', 'Amount must be no more than $999,999.99', 'amount_too_large');
  }
  return amount;
}

function readCurrency(params: FormHash): string {
  const currency = readRequiredString(params, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParameter('currency', `Invalid currency: ${currency}.`);
  if (currency !== 'usd') {
    throw invalidParameter(
      'currency',
      `The currency provided (${currency}) is invalid. Payments with us_bank_account support the following currencies: usd.`,
    );
  }
  return currency;
}

function readConfirmInput(context: StripeHandlerContext, params: FormHash): ConfirmInput {
  const paymentMethod = readOptionalString(params, 'payment_method') ?? undefined;
  const mandate = readOptionalString(params, 'mandate') ?? undefined;
  readOptionalBoolean(params, 'off_session');
  const acceptance = readMandateData(context, params);
  if (mandate !== undefined && acceptance !== undefined) {
    throw invalidParameter('mandate', 'You cannot pass both `mandate` and `mandate_data`.');
  }
  return { paymentMethod, mandate, acceptance };
}

function unexpectedState(
  context: StripeHandlerContext,
  record: PaymentIntentRecord,
  message: string,
): StripeApiError {
  return new StripeApiError(
    400,
    {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message,
      extra: { payment_intent: renderPaymentIntent(record, context.apiVersion) },
    },
    'execution',
  );
}

/**
 * Confirms an ACH PaymentIntent: resolves the bank account (parameter, intent or the customer's default
 * source), the mandate (`mandate`, new `mandate_data`, or an active one on file) and moves to `processing`.
 */
function confirmPaymentIntent(
  context: StripeHandlerContext,
  record: PaymentIntentRecord,
  input: ConfirmInput,
): void {
  if (record.status !== 'requires_payment_method' && record.status !== 'requires_confirmation') {
    throw unexpectedState(
      context,
      record,
      `You cannot confirm this PaymentIntent because it has a status of ${record.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.`,
    );
  }
  let paymentMethodId = input.paymentMethod ?? record.paymentMethod ?? undefined;
  if (paymentMethodId === undefined && record.customer !== null) {
    paymentMethodId = context.state.customers.get(record.customer)?.defaultSource ?? undefined;
  }
  if (paymentMethodId === undefined) {
    throw unexpectedState(
      context,
      record,
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    );
  }
  const account = resolveBankAccountPaymentMethod(context, paymentMethodId, record.customer);
  if (account.status !== 'verified') {
    throw new StripeApiError(
      400,
      {
        type: 'invalid_request_error',
        code: 'payment_method_unactivated',
        param: 'payment_method',
        message: `The bank account ${account.id} must be verified before it can be used for payments.`,
      },
      'execution',
    );
  }
  let mandateId: string;
  if (input.mandate !== undefined) {
    mandateId = resolveMandateParam(context, input.mandate, account.id).id;
  } else if (input.acceptance !== undefined) {
    mandateId = createMandate(context, input.acceptance, account.id, account.customer, null).id;
  } else {
    const existing = findActiveMandate(context, account.id);
    if (existing === undefined) {
      throw new StripeApiError(
        400,
        {
          type: 'invalid_request_error',
          param: 'mandate_data',
          message: `The us_bank_account payment method ${account.id} has no active mandate. Pass \`mandate_data\` with the customer's acceptance, or an active \`mandate\`.`,
          extra: { payment_intent: renderPaymentIntent(record, context.apiVersion) },
        },
        'execution',
      );
    }
    mandateId = existing.id;
  }
  record.paymentMethod = account.id;
  record.mandate = mandateId;
  record.status = 'processing';
  record.lastPaymentError = null;
  record.settlesAt = context.module.clock.now() + context.options.settlementDelayMs;
  record.failureCode = account.failureCode;
}

/** `POST /v1/payment_intents`: creates an ACH PaymentIntent, confirming it at once with `confirm=true`. */
export const createPaymentIntent: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, {
    amount: true,
    capture_method: true,
    confirm: true,
    currency: true,
    customer: true,
    description: true,
    expand: true,
    mandate: true,
    mandate_data: MANDATE_DATA_SPEC,
    metadata: true,
    off_session: true,
    payment_method: true,
    payment_method_types: true,
    allowed_payment_method_types: true,
    receipt_email: true,
    setup_future_usage: true,
    statement_descriptor: true,
  });
  checkExpand(params, 'payment_intent');
  const amount = readAmount(params);
  const currency = readCurrency(params);
  const confirm = readOptionalBoolean(params, 'confirm') ?? false;
  readOptionalEnum(params, 'capture_method', ['automatic'] as const);
  const customerId = readOptionalString(params, 'customer');
  const types = readPaymentMethodTypes(context, params) ?? ['us_bank_account'];
  const setupFutureUsage = readOptionalEnum(params, 'setup_future_usage', [
    'off_session',
    'on_session',
  ] as const);
  const description = readOptionalString(params, 'description') ?? null;
  const statementDescriptor =
    readOptionalString(params, 'statement_descriptor', 'statement_descriptor', 22) ?? null;
  const receiptEmail = readOptionalString(params, 'receipt_email') ?? null;
  const metadata = applyMetadata(params, {});
  const input = readConfirmInput(context, params);
  if (!confirm) {
    for (const name of ['mandate', 'mandate_data', 'off_session']) {
      if (params[name] !== undefined) {
        throw invalidParameter(
          name,
          `The parameter \`${name}\` cannot be passed when creating a PaymentIntent unless \`confirm\` is set to true.`,
        );
      }
    }
  }
  const customer =
    typeof customerId === 'string'
      ? findCustomer(context, customerId, { param: 'customer', inPath: false })
      : null;
  if (input.paymentMethod !== undefined) {
    resolveBankAccountPaymentMethod(context, input.paymentMethod, customer?.id ?? null);
  }
  const id = createStripeId('pi');
  const record: PaymentIntentRecord = {
    id,
    livemode: context.caller.livemode,
    created: nowSeconds(context),
    clientSecret: `${id}_secret_${randomBase62(24)}`,
    amount,
    currency,
    customer: customer?.id ?? null,
    description,
    statementDescriptor,
    metadata,
    paymentMethod: input.paymentMethod ?? null,
    paymentMethodTypes: types,
    setupFutureUsage: setupFutureUsage ?? null,
    receiptEmail,
    status: input.paymentMethod === undefined ? 'requires_payment_method' : 'requires_confirmation',
    mandate: null,
    settlesAt: null,
    failureCode: null,
    lastPaymentError: null,
    canceledAt: null,
    cancellationReason: null,
  };
  // Stored before confirming: like Stripe, a failed confirmation leaves the created intent behind.
  context.state.paymentIntents.set(record.id, record);
  if (confirm) confirmPaymentIntent(context, record, input);
  return respond(context, record);
};

function findPaymentIntent(context: StripeHandlerContext): PaymentIntentRecord {
  const record = findInMode(
    context.state.paymentIntents,
    context.pathParams['intent'] as string,
    context.caller.livemode,
    'payment_intent',
    { param: 'intent', inPath: true },
  );
  settlePaymentIntent(context.state, record, context.module.clock.now());
  return record;
}

/** `GET /v1/payment_intents/{intent}`: retrieves a PaymentIntent, settling it if its time has come. */
export const retrievePaymentIntent: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: { client_secret: stripeString() }, expand: 'payment_intent' });
  return respond(context, findPaymentIntent(context));
};

/** `POST /v1/payment_intents/{intent}/confirm`: confirms a PaymentIntent. */
export const confirmPaymentIntentEndpoint: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, {
    allowed_payment_method_types: true,
    expand: true,
    payment_method_types: true,
    mandate: true,
    mandate_data: MANDATE_DATA_SPEC,
    off_session: true,
    payment_method: true,
    receipt_email: true,
  });
  checkExpand(params, 'payment_intent');
  const record = findPaymentIntent(context);
  const input = readConfirmInput(context, params);
  const types = readPaymentMethodTypes(context, params);
  const receiptEmail = readOptionalString(params, 'receipt_email');
  confirmPaymentIntent(context, record, input);
  if (types !== undefined) record.paymentMethodTypes = types;
  if (receiptEmail !== undefined) record.receiptEmail = receiptEmail;
  return respond(context, record);
};

/** `POST /v1/payment_intents/{intent}/cancel`: cancels a PaymentIntent that is not processing or done. */
export const cancelPaymentIntent: StripeHandler = (context) => {
  const { params } = context;
  rejectUnknownParams(params, { cancellation_reason: true, expand: true });
  checkExpand(params, 'payment_intent');
  const reason = readOptionalEnum(params, 'cancellation_reason', [
    'abandoned',
    'duplicate',
    'fraudulent',
    'requested_by_customer',
  ] as const);
  const record = findPaymentIntent(context);
  if (record.status !== 'requires_payment_method' && record.status !== 'requires_confirmation') {
    throw unexpectedState(
      context,
      record,
      `You cannot cancel this PaymentIntent because it has a status of ${record.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.`,
    );
  }
  record.status = 'canceled';
  record.canceledAt = nowSeconds(context);
  record.cancellationReason = reason ?? null;
  return respond(context, record);
};

/** `GET /v1/payment_intents`: lists PaymentIntents newest first, optionally for one `customer`. */
export const listPaymentIntents: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { customer: stripeString(), ...LIST_FIELDS },
    expand: 'list:payment_intent',
  });
  const customer = checked.string('customer');
  const now = context.module.clock.now();
  const intents = [...context.state.paymentIntents.values()]
    .filter((record) => record.livemode === context.caller.livemode)
    .filter((record) => typeof customer !== 'string' || record.customer === customer)
    .reverse();
  for (const record of intents) settlePaymentIntent(context.state, record, now);
  const list = paginate(intents, readPage(checked), '/v1/payment_intents', (record) =>
    renderPaymentIntent(record, context.apiVersion),
  );
  return { status: 200, body: applyExpand(context, context.params, list) };
};

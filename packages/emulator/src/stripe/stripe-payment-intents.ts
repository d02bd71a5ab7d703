import type { CheckedFields } from '../kernel/field-spec-read.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import { resolveBankAccountPaymentMethod } from './stripe-bank-accounts.js';
import type { StripeHandler, StripeHandlerContext, StripeHandlerResult } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { findCustomer } from './stripe-customers.js';
import { invalidParameter, StripeApiError } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import {
  STRIPE_BOOLEAN,
  stripeEnum,
  stripeInteger,
  stripeRequiredString,
  stripeString,
} from './stripe-fields.js';
import { createStripeId, randomBase62 } from './stripe-ids.js';
import { PAYMENT_METHOD_TYPES_FIELDS, readPaymentMethodTypes } from './stripe-intent-params.js';
import { LIST_FIELDS, paginate, readPage } from './stripe-list.js';
import { findInMode } from './stripe-lookup.js';
import {
  createMandate,
  findActiveMandate,
  MANDATE_DATA_FIELD,
  readMandateData,
  resolveMandateParam,
} from './stripe-mandates.js';
import { mergeMetadata, STRIPE_METADATA } from './stripe-metadata.js';
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

/** The parameters `confirm` (and `create` with `confirm=true`) take. */
const CONFIRM_FIELDS: FieldSpecs = {
  payment_method: stripeString(),
  mandate: stripeString(),
  off_session: STRIPE_BOOLEAN,
  mandate_data: MANDATE_DATA_FIELD,
};

/** The parameters of `POST /v1/payment_intents`, in the order Stripe reports their problems. */
const CREATE_FIELDS: FieldSpecs = {
  amount: stripeInteger({
    required: true,
    emptyUnsets: true,
    minimum: 1,
    code: 'parameter_invalid_integer',
  }),
  currency: stripeRequiredString(),
  confirm: STRIPE_BOOLEAN,
  capture_method: stripeEnum(['automatic']),
  customer: stripeString(),
  ...PAYMENT_METHOD_TYPES_FIELDS,
  setup_future_usage: stripeEnum(['off_session', 'on_session']),
  description: stripeString(),
  statement_descriptor: stripeString(22),
  receipt_email: stripeString(),
  metadata: STRIPE_METADATA,
  ...CONFIRM_FIELDS,
};

/** The checked `amount` within Stripe's USD bounds (`amount_too_small`, `amount_too_large`). */
function readAmount(checked: CheckedFields): number {
  const amount = checked.integer('amount') ?? 0;
  if (amount < MIN_AMOUNT)
    throw invalidParameter('amount', 'Amount must be at least $0.50 usd', 'amount_too_small');
  if (amount > MAX_AMOUNT) {
    throw invalidParameter('amount', 'Amount must be no more than $999,999.99', 'amount_too_large');
  }
  return amount;
}

/** The checked `currency`, lowercased: a three-letter code, and `usd` (the only currency of ACH debits). */
function readCurrency(checked: CheckedFields): string {
  const currency = (checked.string('currency') ?? '').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw invalidParameter('currency', `Invalid currency: ${currency}.`);
  if (currency !== 'usd') {
    throw invalidParameter(
      'currency',
      `The currency provided (${currency}) is invalid. Payments with us_bank_account support the following currencies: usd.`,
    );
  }
  return currency;
}

function readConfirmInput(context: StripeHandlerContext, checked: CheckedFields): ConfirmInput {
  const paymentMethod = checked.string('payment_method');
  const mandate = checked.string('mandate');
  const acceptance = readMandateData(context, checked);
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
  const checked = checkStripeParams(params, { fields: CREATE_FIELDS, expand: 'payment_intent' });
  const amount = readAmount(checked);
  const currency = readCurrency(checked);
  const confirm = checked.boolean('confirm') ?? false;
  const customerId = checked.string('customer');
  const types = readPaymentMethodTypes(context, checked) ?? ['us_bank_account'];
  const setupFutureUsage = checked.string('setup_future_usage') as 'off_session' | 'on_session' | undefined;
  const description = checked.string('description') ?? null;
  const statementDescriptor = checked.string('statement_descriptor') ?? null;
  const receiptEmail = checked.string('receipt_email') ?? null;
  const metadata = mergeMetadata(checked, {});
  const input = readConfirmInput(context, checked);
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
  const checked = checkStripeParams(context.params, {
    fields: { ...CONFIRM_FIELDS, ...PAYMENT_METHOD_TYPES_FIELDS, receipt_email: stripeString() },
    expand: 'payment_intent',
  });
  const record = findPaymentIntent(context);
  const input = readConfirmInput(context, checked);
  const types = readPaymentMethodTypes(context, checked);
  const receiptEmail = checked.nullableString('receipt_email');
  confirmPaymentIntent(context, record, input);
  if (types !== undefined) record.paymentMethodTypes = types;
  if (receiptEmail !== undefined) record.receiptEmail = receiptEmail;
  return respond(context, record);
};

/** `POST /v1/payment_intents/{intent}/cancel`: cancels a PaymentIntent that is not processing or done. */
export const cancelPaymentIntent: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: {
      cancellation_reason: stripeEnum(['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer']),
    },
    expand: 'payment_intent',
  });
  const reason = checked.string('cancellation_reason');
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

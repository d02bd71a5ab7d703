import type { FieldSpecs } from '../kernel/field-spec-types.js';
import { resolveBankAccountPaymentMethod } from './stripe-bank-accounts.js';
import type { StripeHandler, StripeHandlerContext, StripeHandlerResult } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { findCustomer } from './stripe-customers.js';
import { invalidParameter, StripeApiError } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { STRIPE_BOOLEAN, STRIPE_STRING_LIST, stripeEnum, stripeString } from './stripe-fields.js';
import { createStripeId, randomBase62 } from './stripe-ids.js';
import { PAYMENT_METHOD_TYPES_FIELDS, readPaymentMethodTypes } from './stripe-intent-params.js';
import { LIST_FIELDS, paginate, readPage } from './stripe-list.js';
import { findInMode } from './stripe-lookup.js';
import { createMandate, findActiveMandate, MANDATE_DATA_FIELD, readMandateData } from './stripe-mandates.js';
import { mergeMetadata, STRIPE_METADATA } from './stripe-metadata.js';
import { renderSetupIntent } from './stripe-render.js';
import type { CustomerAcceptanceRecord, SetupIntentRecord } from './stripe-state.js';

function respond(context: StripeHandlerContext, record: SetupIntentRecord): StripeHandlerResult {
  return { status: 200, body: applyExpand(context, context.params, renderSetupIntent(record)) };
}

function unexpectedState(record: SetupIntentRecord, message: string): StripeApiError {
  return new StripeApiError(
    400,
    {
      type: 'invalid_request_error',
      code: 'setup_intent_unexpected_state',
      message,
      extra: { setup_intent: renderSetupIntent(record) },
    },
    'execution',
  );
}

/**
 * Confirms a SetupIntent with its bank account: needs a payment method and either `mandate_data` or an
 * active mandate already on file; a verified `ba_` succeeds at once with a new multi-use mandate.
 */
function confirmSetupIntent(
  context: StripeHandlerContext,
  record: SetupIntentRecord,
  acceptance: CustomerAcceptanceRecord | undefined,
): void {
  if (record.status === 'succeeded' || record.status === 'canceled') {
    throw unexpectedState(
      record,
      `You cannot confirm this SetupIntent because it has a status of ${record.status}. Only a SetupIntent with one of the following statuses may be confirmed: requires_payment_method, requires_confirmation, requires_action.`,
    );
  }
  if (record.paymentMethod === null) {
    throw unexpectedState(
      record,
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
    );
  }
  const account = resolveBankAccountPaymentMethod(context, record.paymentMethod, record.customer);
  let mandateId: string;
  if (acceptance !== undefined) {
    mandateId = createMandate(context, acceptance, account.id, account.customer, null).id;
  } else {
    const existing = findActiveMandate(context, account.id);
    if (existing === undefined) {
      throw new StripeApiError(
        400,
        {
          type: 'invalid_request_error',
          param: 'mandate_data',
          message: `A mandate is required to confirm this SetupIntent with the us_bank_account payment method ${account.id}: pass mandate_data[customer_acceptance].`,
          extra: { setup_intent: renderSetupIntent(record) },
        },
        'execution',
      );
    }
    mandateId = existing.id;
  }
  record.mandate = mandateId;
  record.status = 'succeeded';
}

/** The parameters of `POST /v1/setup_intents`, in the order Stripe reports their problems. */
const CREATE_FIELDS: FieldSpecs = {
  confirm: STRIPE_BOOLEAN,
  customer: stripeString(),
  payment_method: stripeString(),
  ...PAYMENT_METHOD_TYPES_FIELDS,
  usage: stripeEnum(['off_session', 'on_session']),
  description: stripeString(),
  metadata: STRIPE_METADATA,
  mandate_data: MANDATE_DATA_FIELD,
};

/** `POST /v1/setup_intents`: creates a SetupIntent, confirming it at once with `confirm=true`. */
export const createSetupIntent: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, { fields: CREATE_FIELDS, expand: 'setup_intent' });
  const confirm = checked.boolean('confirm') ?? false;
  const customerId = checked.string('customer');
  const paymentMethod = checked.string('payment_method') ?? null;
  const types = readPaymentMethodTypes(context, checked) ?? ['us_bank_account'];
  const usage = (checked.string('usage') ?? 'off_session') as SetupIntentRecord['usage'];
  const description = checked.string('description') ?? null;
  const metadata = mergeMetadata(checked, {});
  const acceptance = readMandateData(context, checked);
  if (acceptance !== undefined && !confirm) {
    throw invalidParameter(
      'mandate_data',
      'The parameter `mandate_data` cannot be passed when creating a SetupIntent unless `confirm` is set to true.',
    );
  }
  const customer =
    typeof customerId === 'string'
      ? findCustomer(context, customerId, { param: 'customer', inPath: false })
      : null;
  if (paymentMethod !== null) resolveBankAccountPaymentMethod(context, paymentMethod, customer?.id ?? null);
  const id = createStripeId('seti');
  const record: SetupIntentRecord = {
    id,
    livemode: context.caller.livemode,
    created: nowSeconds(context),
    clientSecret: `${id}_secret_${randomBase62(24)}`,
    customer: customer?.id ?? null,
    description,
    metadata,
    paymentMethod,
    paymentMethodTypes: types,
    usage,
    status: paymentMethod === null ? 'requires_payment_method' : 'requires_confirmation',
    mandate: null,
    cancellationReason: null,
  };
  // Stored before confirming: like Stripe, a failed confirmation leaves the created intent behind.
  context.state.setupIntents.set(record.id, record);
  if (confirm) confirmSetupIntent(context, record, acceptance);
  return respond(context, record);
};

function findSetupIntent(context: StripeHandlerContext): SetupIntentRecord {
  return findInMode(
    context.state.setupIntents,
    context.pathParams['intent'] as string,
    context.caller.livemode,
    'setupintent',
    { param: 'intent', inPath: true },
  );
}

/** `GET /v1/setup_intents`: lists SetupIntents, newest first, optionally for one customer and/or payment method. */
export const listSetupIntents: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { customer: stripeString(), payment_method: stripeString(), ...LIST_FIELDS },
    expand: 'list:setup_intent',
  });
  const customer = checked.string('customer');
  const paymentMethod = checked.string('payment_method');
  const intents = [...context.state.setupIntents.values()]
    .filter((record) => record.livemode === context.caller.livemode)
    .filter((record) => typeof customer !== 'string' || record.customer === customer)
    .filter((record) => typeof paymentMethod !== 'string' || record.paymentMethod === paymentMethod)
    .reverse();
  const list = paginate(intents, readPage(checked), '/v1/setup_intents', renderSetupIntent);
  return { status: 200, body: applyExpand(context, context.params, list) };
};

/** `GET /v1/setup_intents/{intent}`: retrieves a SetupIntent. */
export const retrieveSetupIntent: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: { client_secret: stripeString() }, expand: 'setup_intent' });
  return respond(context, findSetupIntent(context));
};

/** `POST /v1/setup_intents/{intent}/confirm`: confirms a SetupIntent (optionally setting its payment method). */
export const confirmSetupIntentEndpoint: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: {
      allowed_payment_method_types: STRIPE_STRING_LIST,
      payment_method: stripeString(),
      mandate_data: MANDATE_DATA_FIELD,
    },
    expand: 'setup_intent',
  });
  const record = findSetupIntent(context);
  const types = readPaymentMethodTypes(context, checked);
  const paymentMethod = checked.string('payment_method');
  const acceptance = readMandateData(context, checked);
  if (typeof paymentMethod === 'string') {
    resolveBankAccountPaymentMethod(context, paymentMethod, record.customer);
  }
  const previous = { paymentMethod: record.paymentMethod, status: record.status };
  if (typeof paymentMethod === 'string') record.paymentMethod = paymentMethod;
  if (types !== undefined) record.paymentMethodTypes = types;
  try {
    confirmSetupIntent(context, record, acceptance);
  } catch (error) {
    record.paymentMethod = previous.paymentMethod;
    record.status = previous.status;
    throw error;
  }
  return respond(context, record);
};

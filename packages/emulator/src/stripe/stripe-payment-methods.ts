import type { FieldRule, FieldSpecs } from '../kernel/field-spec-types.js';
import { bankAccountFingerprint } from './stripe-bank-tokens.js';
import type { StripeHandler, StripeHandlerContext } from './stripe-context.js';
import { nowSeconds } from './stripe-context.js';
import { findCustomer } from './stripe-customers.js';
import { invalidParameter, resourceMissing } from './stripe-errors.js';
import { applyExpand } from './stripe-expand.js';
import { acceptsExternalToken, claimStripeProcessorToken } from './stripe-external-token.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { stripeEnum, stripeHash, stripeRequiredString, stripeString } from './stripe-fields.js';
import { createStripeId } from './stripe-ids.js';
import { LIST_FIELDS, paginate, readPage } from './stripe-list.js';
import { findInMode } from './stripe-lookup.js';
import { mergeMetadata, STRIPE_METADATA } from './stripe-metadata.js';
import { renderBankAccountPaymentMethod } from './stripe-render.js';
import type { BankAccountRecord } from './stripe-state.js';

/**
 * `GET /v1/payment_methods/{id}`: a saved customer bank account (`ba_…`) is retrievable through the Payment
 * Methods API as a `us_bank_account` PaymentMethod (Stripe, "Migrate existing bank accounts": "Retrieve a
 * BankAccount as a PaymentMethod"), and so is a `pm_…` created from a Plaid processor token.
 */
export const retrievePaymentMethod: StripeHandler = (context) => {
  checkStripeParams(context.params, { fields: {}, expand: 'payment_method' });
  const id = context.pathParams['payment_method'] as string;
  const account = findInMode(context.state.bankAccounts, id, context.caller.livemode, 'PaymentMethod', {
    param: 'payment_method',
    inPath: true,
  });
  return { status: 200, body: applyExpand(context, context.params, renderBankAccountPaymentMethod(account)) };
};

function respond(context: StripeHandlerContext, record: BankAccountRecord) {
  return { status: 200, body: applyExpand(context, context.params, renderBankAccountPaymentMethod(record)) };
}

/** The only PaymentMethod type the emulator creates (other types are refused naming the type). */
const US_BANK_ACCOUNT_TYPE: FieldRule = {
  test: (value) => value === 'us_bank_account',
  expected: 'us_bank_account',
  explain: (value) => `The emulator creates only us_bank_account PaymentMethods (got ${value}).`,
};

/**
 * The parameters of `POST /v1/payment_methods`; `us_bank_account[external_token]` exists only on API versions
 * that have it (elsewhere it is `parameter_unknown`, as Stripe answers a parameter a version lacks).
 */
function createFields(withExternalToken: boolean): FieldSpecs {
  const externalToken = stripeHash({
    type: stripeEnum(['plaid_processor_token'], { required: true }),
    plaid_processor_token: stripeRequiredString(),
  });
  return {
    type: stripeRequiredString({ rules: [US_BANK_ACCOUNT_TYPE] }),
    us_bank_account: stripeHash(
      {
        account_holder_type: stripeEnum(['individual', 'company']),
        // Accepted and ignored: the account type comes from Plaid.
        account_type: { type: 'any' },
        ...(withExternalToken ? { external_token: externalToken } : {}),
      },
      { required: true },
    ),
    // The email is accepted and not stored.
    billing_details: stripeHash({ name: stripeString(), email: { type: 'any' } }),
    metadata: STRIPE_METADATA,
  };
}

/**
 * `POST /v1/payment_methods`: a `us_bank_account` PaymentMethod from a Plaid processor token
 * (`us_bank_account[external_token][type]=plaid_processor_token`, API version 2026-10-28.preview; other
 * versions get `parameter_unknown`). The token is claimed once through the bridge; the PaymentMethod is
 * verified and belongs to no customer until attached. Raw account numbers are not emulated.
 */
export const createPaymentMethod: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: createFields(acceptsExternalToken(context.apiVersion)),
    expand: 'payment_method',
  });
  const bank = checked.object('us_bank_account');
  const external = bank?.object('external_token');
  if (bank === undefined || external === undefined) {
    throw invalidParameter(
      'us_bank_account',
      'The emulator creates us_bank_account PaymentMethods from a Plaid processor token only: pass us_bank_account[external_token] (API version 2026-10-28.preview).',
    );
  }
  const token = external.string('plaid_processor_token') ?? '';
  const holderType = (bank.string('account_holder_type') ?? 'individual') as 'individual' | 'company';
  const billingName = checked.object('billing_details')?.string('name') ?? null;
  const metadata = mergeMetadata(checked, {});
  // Every check above ran first: the token is consumed only by a request that creates the PaymentMethod.
  const { details } = claimStripeProcessorToken(context, token);
  const record: BankAccountRecord = {
    id: createStripeId('pm'),
    livemode: context.caller.livemode,
    created: nowSeconds(context),
    customer: null,
    accountHolderName: billingName ?? (details.holderName.length > 0 ? details.holderName : null),
    accountHolderType: holderType,
    accountType: details.accountType,
    bankName: details.institutionName,
    routingNumber: details.routingNumber,
    accountNumberLast4: details.accountNumber.slice(-4),
    fingerprint: bankAccountFingerprint(details.routingNumber, details.accountNumber),
    status: 'verified',
    metadata,
    // Never the processor token itself (state files and snapshots must not hold it).
    tokenId: 'plaid_processor_token',
    failureCode: null,
  };
  context.state.bankAccounts.set(record.id, record);
  return respond(context, record);
};

function findPaymentMethod(context: StripeHandlerContext): BankAccountRecord {
  const id = context.pathParams['payment_method'] as string;
  const record = context.state.bankAccounts.get(id);
  if (!id.startsWith('pm_') || record === undefined || record.livemode !== context.caller.livemode) {
    throw resourceMissing('PaymentMethod', id, 'payment_method', { inPath: true });
  }
  return record;
}

/**
 * `POST /v1/payment_methods/{id}/attach`: attaches a PaymentMethod to a customer. Attaching it to the customer
 * it already belongs to returns it; to another customer is Stripe's 400.
 */
export const attachPaymentMethod: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { customer: stripeRequiredString() },
    expand: 'payment_method',
  });
  const record = findPaymentMethod(context);
  const customerId = checked.string('customer') ?? '';
  const customer = findCustomer(context, customerId, { param: 'customer', inPath: false });
  if (record.customer !== null && record.customer !== customer.id) {
    throw invalidParameter(
      'payment_method',
      'The payment method you provided has already been attached to a customer.',
    );
  }
  record.customer = customer.id;
  return respond(context, record);
};

/** `GET /v1/payment_methods`: the PaymentMethods (`pm_…`) of a customer, newest first, filtered by `type`. */
export const listPaymentMethods: StripeHandler = (context) => {
  const checked = checkStripeParams(context.params, {
    fields: { customer: stripeString(), type: stripeString(), ...LIST_FIELDS },
    expand: 'list:payment_method',
  });
  const customer = checked.string('customer');
  if (typeof customer === 'string') findCustomer(context, customer, { param: 'customer', inPath: false });
  // Every emulated PaymentMethod is a us_bank_account one: another `type` lists none.
  const type = checked.string('type');
  const methods = [...context.state.bankAccounts.values()]
    .filter((record) => record.id.startsWith('pm_') && record.livemode === context.caller.livemode)
    .filter((record) => typeof customer !== 'string' || record.customer === customer)
    .filter(() => typeof type !== 'string' || type === 'us_bank_account')
    .reverse();
  const list = paginate(methods, readPage(checked), '/v1/payment_methods', renderBankAccountPaymentMethod);
  return { status: 200, body: applyExpand(context, context.params, list) };
};

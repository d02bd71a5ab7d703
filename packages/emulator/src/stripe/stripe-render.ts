import {
  DEFAULT_ACCOUNT_API_VERSION,
  isVersionAtLeast,
  PAYMENT_INTENT_INVOICE_REMOVED_IN,
} from './stripe-api-version.js';
import type {
  BankAccountRecord,
  CustomerRecord,
  MandateRecord,
  PaymentIntentRecord,
  SetupIntentRecord,
} from './stripe-state.js';

/** A rendered Stripe API object. */
export type StripeObject = Record<string, unknown>;

/** The `customer` object as Stripe returns it (without the legacy `sources` list unless expanded). */
export function renderCustomer(record: CustomerRecord): StripeObject {
  if (record.deleted) return { id: record.id, object: 'customer', deleted: true };
  return {
    id: record.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: record.created,
    currency: null,
    default_source: record.defaultSource,
    delinquent: false,
    description: record.description,
    discount: null,
    email: record.email,
    invoice_prefix: record.id.slice(4, 12).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: record.livemode,
    metadata: { ...record.metadata },
    name: record.name,
    next_invoice_sequence: 1,
    phone: record.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

/** The customer `bank_account` object. */
export function renderBankAccount(record: BankAccountRecord): StripeObject {
  return {
    id: record.id,
    object: 'bank_account',
    account_holder_name: record.accountHolderName,
    account_holder_type: record.accountHolderType,
    account_type: record.accountType,
    bank_name: record.bankName,
    country: 'US',
    currency: 'usd',
    customer: record.customer,
    fingerprint: record.fingerprint,
    last4: record.accountNumberLast4,
    metadata: { ...record.metadata },
    routing_number: record.routingNumber,
    status: record.status,
  };
}

/**
 * A bank account as a `payment_method` of type `us_bank_account`, with the fields stripe-node 23's generated
 * `PaymentMethod` type requires (the shape of Stripe's "Retrieve a PaymentMethod" example).
 */
export function renderBankAccountPaymentMethod(record: BankAccountRecord): StripeObject {
  return {
    id: record.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: record.accountHolderName,
      phone: null,
      tax_id: null,
    },
    created: record.created,
    customer: record.customer,
    customer_account: null,
    livemode: record.livemode,
    metadata: { ...record.metadata },
    type: 'us_bank_account',
    us_bank_account: {
      account_holder_type: record.accountHolderType,
      account_type: record.accountType,
      bank_name: record.bankName,
      financial_connections_account: null,
      fingerprint: record.fingerprint,
      last4: record.accountNumberLast4,
      networks: { preferred: 'ach', supported: ['ach'] },
      routing_number: record.routingNumber,
      status_details: {},
    },
  };
}

/** The `mandate` object. */
export function renderMandate(record: MandateRecord): StripeObject {
  const acceptance = record.customerAcceptance;
  const customerAcceptance: StripeObject = { accepted_at: acceptance.acceptedAt, type: acceptance.type };
  if (acceptance.type === 'online' && acceptance.online !== null) {
    customerAcceptance['online'] = {
      ip_address: acceptance.online.ipAddress,
      user_agent: acceptance.online.userAgent,
    };
  } else if (acceptance.type === 'offline') {
    customerAcceptance['offline'] = {};
  }
  const rendered: StripeObject = {
    id: record.id,
    object: 'mandate',
    customer_acceptance: customerAcceptance,
    livemode: record.livemode,
    payment_method: record.paymentMethod,
    payment_method_details: { type: 'us_bank_account', us_bank_account: {} },
    status: record.status,
    type: record.type,
  };
  if (record.type === 'multi_use') rendered['multi_use'] = {};
  else if (record.singleUse !== null) {
    rendered['single_use'] = { amount: record.singleUse.amount, currency: record.singleUse.currency };
  }
  return rendered;
}

/** The `setup_intent` object. */
export function renderSetupIntent(record: SetupIntentRecord): StripeObject {
  return {
    id: record.id,
    object: 'setup_intent',
    allowed_payment_method_types: [...record.paymentMethodTypes],
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: record.cancellationReason,
    client_secret: record.clientSecret,
    created: record.created,
    customer: record.customer,
    description: record.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: record.livemode,
    mandate: record.mandate,
    metadata: { ...record.metadata },
    next_action: null,
    on_behalf_of: null,
    payment_method: record.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { us_bank_account: { verification_method: 'automatic' } },
    payment_method_types: [...record.paymentMethodTypes],
    single_use_mandate: null,
    status: record.status,
    usage: record.usage,
  };
}

/**
 * The `payment_intent` object for an API version (callers settle it first, see `settlePaymentIntent`). The
 * fields follow stripe-node 23's generated `PaymentIntent` type (`customer_account`, `managed_payments` and
 * `payment_record` are required there); `invoice` is only rendered before 2025-03-31.basil, which removed it.
 */
export function renderPaymentIntent(
  record: PaymentIntentRecord,
  apiVersion: string = DEFAULT_ACCOUNT_API_VERSION,
): StripeObject {
  const rendered: StripeObject = {
    id: record.id,
    object: 'payment_intent',
    allowed_payment_method_types: [...record.paymentMethodTypes],
    amount: record.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: record.status === 'succeeded' ? record.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: record.canceledAt,
    cancellation_reason: record.cancellationReason,
    capture_method: 'automatic',
    client_secret: record.clientSecret,
    confirmation_method: 'automatic',
    created: record.created,
    currency: record.currency,
    customer: record.customer,
    customer_account: null,
    description: record.description,
    excluded_payment_method_types: null,
    last_payment_error:
      record.lastPaymentError === null
        ? null
        : {
            code: record.lastPaymentError.code,
            message: record.lastPaymentError.message,
            payment_method_type: 'us_bank_account',
            type: 'invalid_request_error',
          },
    latest_charge: null,
    livemode: record.livemode,
    managed_payments: null,
    metadata: { ...record.metadata },
    next_action: null,
    on_behalf_of: null,
    payment_method: record.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { us_bank_account: { verification_method: 'automatic' } },
    payment_method_types: [...record.paymentMethodTypes],
    payment_record: null,
    processing: null,
    receipt_email: record.receiptEmail,
    review: null,
    setup_future_usage: record.setupFutureUsage,
    shipping: null,
    source: null,
    statement_descriptor: record.statementDescriptor,
    statement_descriptor_suffix: null,
    status: record.status,
    transfer_data: null,
    transfer_group: null,
  };
  if (!isVersionAtLeast(apiVersion, PAYMENT_INTENT_INVOICE_REMOVED_IN)) rendered['invoice'] = null;
  return rendered;
}

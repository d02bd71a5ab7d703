import type { PlaidClient } from '@achbridge/core';
import { requestProcessorToken } from '@achbridge/core/internal';
import type Stripe from 'stripe';
import { BANK_ACCOUNT_METADATA_KEYS } from './attach-bank-account.js';
import { callStripe, type StripeCallContext } from './call-stripe.js';
import { deriveIdempotencyKey } from './idempotency.js';
import type { ProcessorTokenRouteOptions } from './processor-token-route.js';
import {
  listSchema,
  refId,
  type StripeUsBankAccountPaymentMethod,
  usBankAccountPaymentMethodSchema,
} from './schemas.js';

const paymentMethodListSchema = listSchema(usBankAccountPaymentMethodSchema());

/** Input of `attachPaymentMethodFromProcessorToken`. */
export interface ProcessorTokenAttachInput {
  accessToken: string;
  itemId: string;
  accountId: string;
  customerId: string;
  /** Plaid's `persistent_account_id` of the account (tokenized-account-number banks), else null. */
  persistentAccountId: string | null;
  route: ProcessorTokenRouteOptions;
  signal: AbortSignal | undefined;
}

/** Lists every `us_bank_account` PaymentMethod of a customer (all pages). */
async function listCustomerPaymentMethods(
  context: StripeCallContext,
  input: ProcessorTokenAttachInput,
): Promise<StripeUsBankAccountPaymentMethod[]> {
  const all: StripeUsBankAccountPaymentMethod[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await callStripe(
      context,
      'GET /v1/payment_methods',
      paymentMethodListSchema,
      (stripe, options) =>
        stripe.paymentMethods.list(
          {
            customer: input.customerId,
            type: 'us_bank_account',
            limit: 100,
            ...(startingAfter ? { starting_after: startingAfter } : {}),
          },
          options,
        ),
      { signal: input.signal, apiVersion: input.route.apiVersion },
    );
    all.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || !last) return all;
    startingAfter = last.id;
  }
}

/** Whether a PaymentMethod is the one achbridge made for this account (same Item and account, or same persistent id). */
function isSameLinkedAccount(
  method: StripeUsBankAccountPaymentMethod,
  input: ProcessorTokenAttachInput,
): boolean {
  const metadata = method.metadata ?? {};
  if (
    input.persistentAccountId !== null &&
    metadata[BANK_ACCOUNT_METADATA_KEYS.persistentAccountId] === input.persistentAccountId
  ) {
    return true;
  }
  return (
    metadata[BANK_ACCOUNT_METADATA_KEYS.itemId] === input.itemId &&
    metadata[BANK_ACCOUNT_METADATA_KEYS.accountId] === input.accountId
  );
}

/** Asks Plaid for a processor token for the Stripe processor name the route names. */
async function mintProcessorToken(plaid: PlaidClient, input: ProcessorTokenAttachInput): Promise<string> {
  const { processorToken } = await requestProcessorToken(plaid, input.route.plaidProcessor, input);
  return processorToken;
}

/**
 * Stripe's processor-token route: returns the customer's existing `us_bank_account` PaymentMethod for this
 * account (`created: false`: the same Item and account, the same `persistent_account_id` at a
 * tokenized-account-number bank, or the same fingerprint), else mints a Plaid processor token, creates a
 * PaymentMethod from it (`us_bank_account[external_token]`, preview API version) and attaches it to the
 * customer. The PaymentMethod calls send the route's preview `Stripe-Version` and idempotency keys derived
 * from item, account and customer (the create's also from the token, since each run mints a new one).
 */
export async function attachPaymentMethodFromProcessorToken(
  context: StripeCallContext,
  plaid: PlaidClient,
  input: ProcessorTokenAttachInput,
): Promise<{ bankAccount: StripeUsBankAccountPaymentMethod; created: boolean }> {
  const existing = await listCustomerPaymentMethods(context, input);
  const same = existing.find((method) => isSameLinkedAccount(method, input));
  if (same) return { bankAccount: same, created: false };
  const processorToken = await mintProcessorToken(plaid, input);
  const metadata: Record<string, string> = {
    [BANK_ACCOUNT_METADATA_KEYS.itemId]: input.itemId,
    [BANK_ACCOUNT_METADATA_KEYS.accountId]: input.accountId,
    ...(input.persistentAccountId === null
      ? {}
      : { [BANK_ACCOUNT_METADATA_KEYS.persistentAccountId]: input.persistentAccountId }),
  };
  // stripe-node 23's types predate the preview parameter; the SDK encodes any nested hash as is.
  const usBankAccount = {
    external_token: { type: 'plaid_processor_token', plaid_processor_token: processorToken },
  } as unknown as Stripe.PaymentMethodCreateParams.UsBankAccount;
  const created = await callStripe(
    context,
    'POST /v1/payment_methods',
    usBankAccountPaymentMethodSchema(),
    (stripe, options) =>
      stripe.paymentMethods.create(
        { type: 'us_bank_account', us_bank_account: usBankAccount, metadata },
        options,
      ),
    {
      signal: input.signal,
      apiVersion: input.route.apiVersion,
      idempotencyKey: deriveIdempotencyKey('payment-method', [
        input.itemId,
        input.accountId,
        input.customerId,
        processorToken,
      ]),
    },
  );
  // The same account linked through another Item (not a tokenized number): keep the customer's existing one.
  const fingerprint = created.us_bank_account.fingerprint;
  const duplicate = fingerprint
    ? existing.find((method) => method.us_bank_account.fingerprint === fingerprint)
    : undefined;
  if (duplicate) return { bankAccount: duplicate, created: false };
  if (refId(created.customer) === input.customerId) return { bankAccount: created, created: true };
  const attached = await callStripe(
    context,
    'POST /v1/payment_methods/{payment_method}/attach',
    usBankAccountPaymentMethodSchema(),
    (stripe, options) => stripe.paymentMethods.attach(created.id, { customer: input.customerId }, options),
    {
      signal: input.signal,
      apiVersion: input.route.apiVersion,
      idempotencyKey: deriveIdempotencyKey('payment-method-attach', [created.id, input.customerId]),
    },
  );
  return { bankAccount: attached, created: true };
}

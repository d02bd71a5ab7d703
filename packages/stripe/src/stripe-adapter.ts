import {
  createPublicTokenExchangeMemo,
  createRedactingLogger,
  createStoreExchangeMemo,
  type ProcessorAdapter,
  type ProcessorRequirements,
} from '@achbridge/core';
import { parseInput, typedTwin } from '@achbridge/core/internal';
import { adapterOptionsSchema, type StripeAdapterOptions } from './adapter-options.js';
import {
  type BankAccountTokenResult,
  type CreateBankAccountTokenInput,
  createBankAccountToken,
} from './bank-account-token.js';
import { type StripeCallOptions, withCallSignal } from './call-options.js';
import type { StripeCallContext } from './call-stripe.js';
import type { CreateAchPaymentInput } from './create-ach-payment.js';
import { type CreateMandateInput, type CreateMandateResult, createMandate } from './create-mandate.js';
import { getPayment } from './get-payment.js';
import { link, type StripeLinkInput, type StripeLinkResult } from './link.js';
import { assertModesMatch, type StripeMode } from './mode-guard.js';
import type { PaymentSummary } from './payment-summary.js';
import { createAchPaymentOnce } from './store-integration.js';
import { createStripeResolver, isStripeInstance } from './stripe-client.js';
import { stripeRequirements } from './stripe-requirements.js';

/** The Stripe adapter: Plaid account -> Stripe customer bank account -> mandate -> ACH PaymentIntent. */
export interface StripeAdapter extends ProcessorAdapter<StripeLinkInput, StripeLinkResult> {
  readonly processor: 'stripe';
  /** What Stripe needs from an institution (`stripeRequirements`), for `checkAuthSupport`'s `processors`. */
  readonly requirements: ProcessorRequirements<'stripe'>;
  /** The Stripe mode (test/live) of the key, once known. */
  readonly mode: StripeMode | undefined;
  /** Hands a Plaid account to a Stripe customer; safe to retry and to re-run (no duplicate bank accounts). */
  link(input: StripeLinkInput, options?: StripeCallOptions): Promise<StripeLinkResult>;
  /** Mints a single-use Stripe bank account token for a Plaid account. */
  createBankAccountToken(
    input: CreateBankAccountTokenInput,
    options?: StripeCallOptions,
  ): Promise<BankAccountTokenResult>;
  /** Records the customer's ACH debit mandate for a bank account. */
  createMandate(input: CreateMandateInput, options?: StripeCallOptions): Promise<CreateMandateResult>;
  /** Debits the bank account through a `us_bank_account` PaymentIntent. */
  createAchPayment(input: CreateAchPaymentInput, options?: StripeCallOptions): Promise<PaymentSummary>;
  /** Reads a PaymentIntent's status. */
  getPayment(paymentIntentId: string, options?: StripeCallOptions): Promise<PaymentSummary>;
}

/**
 * Creates the Stripe adapter. The Plaid environment and the Stripe key's mode are checked before any
 * network call (at construction when the key is known, else at the first call): Plaid Sandbox needs a
 * test mode key and Plaid Production a live one.
 */
export function createStripeAdapter(options: StripeAdapterOptions): StripeAdapter {
  const parsed = parseInput('createStripeAdapter', adapterOptionsSchema(), options);
  // Each public method parses its input once; the Plaid client's typed twin takes the typed values as they are.
  const plaid = typedTwin(parsed.plaid);
  // zod rebuilds plain objects; keep the caller's Stripe instance itself.
  const stripeInput = isStripeInstance(options.stripe) ? options.stripe : parsed.stripe;
  const resolver = createStripeResolver(stripeInput, { mode: parsed.mode, apiVersion: parsed.apiVersion });
  const logger = createRedactingLogger(parsed.logger);
  const timeoutMs = isStripeInstance(stripeInput) ? undefined : stripeInput.timeoutMs;
  let context: StripeCallContext | undefined;
  let mode: StripeMode | undefined;

  // The mode check needs only the key, never the client (nor the `stripe` SDK behind it).
  const checkMode = (): void => {
    if (mode !== undefined) return;
    const resolvedMode = resolver.mode();
    assertModesMatch(plaid.environment, resolvedMode);
    mode = resolvedMode;
  };
  const stripeContext = async (): Promise<StripeCallContext> => {
    checkMode();
    if (context) return context;
    // The resolver builds the client once, so concurrent first calls share it.
    const client = await resolver.client();
    context ??= {
      stripe: client.stripe,
      apiVersion: client.apiVersion,
      retry: parsed.retry ?? {},
      logger,
      timeoutMs,
      declaredMode: resolver.declaredMode,
    };
    return context;
  };
  // Fail fast when the key is known now; an environment-provided key is checked at the first call.
  if (isStripeInstance(stripeInput) || stripeInput.secretKey !== undefined) checkMode();

  const store = parsed.store;
  const exchanges = typedTwin(
    store ? createStoreExchangeMemo(store, plaid) : createPublicTokenExchangeMemo(plaid),
  );
  return {
    processor: 'stripe',
    requirements: stripeRequirements,
    get mode() {
      return mode;
    },
    link: async (input, callOptions) =>
      link(
        { plaid, stripe: stripeContext, exchanges, store, processorTokenRoute: parsed.processorTokenRoute },
        withCallSignal('link', input, callOptions),
      ),
    createBankAccountToken: async (input, callOptions) => {
      const withSignal = withCallSignal('createBankAccountToken', input, callOptions);
      checkMode();
      return createBankAccountToken(plaid, withSignal);
    },
    createMandate: async (input, callOptions) => {
      const withSignal = withCallSignal('createMandate', input, callOptions);
      return createMandate(await stripeContext(), withSignal);
    },
    createAchPayment: async (input, callOptions) => {
      const withSignal = withCallSignal('createAchPayment', input, callOptions);
      return createAchPaymentOnce(store, await stripeContext(), withSignal);
    },
    getPayment: async (paymentIntentId, callOptions) =>
      getPayment(await stripeContext(), paymentIntentId, callOptions),
  };
}

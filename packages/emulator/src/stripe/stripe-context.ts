import type { ModuleContext } from '../types.js';
import type { FormHash } from './form-decode.js';
import type { StripeCaller } from './stripe-auth.js';
import type { StripeState } from './stripe-state.js';

/** Tunables of the emulated Stripe. */
export interface StripeModuleOptions {
  /** How long a confirmed ACH PaymentIntent stays `processing` before it settles, in ms (default 4 days). */
  settlementDelayMs: number;
  /** The account's default API version, applied to requests without `Stripe-Version` (default 2026-09-30.endive). */
  accountApiVersion: string;
  /**
   * The Plaid processor name whose processor tokens this Stripe accepts on `us_bank_account[external_token]`,
   * or null (default: the emulator's `tuning.stripePlaidProcessor`).
   */
  plaidProcessor: string | null;
}

/**
 * The bridge kind the emulated Plaid mints Stripe bank account tokens (`btok_…`) under, from its
 * `/processor/stripe/bank_account_token/create` (Plaid's folder names the same string).
 */
export const STRIPE_BANK_ACCOUNT_TOKEN_KIND = 'stripe_bank_account_token';

/** Everything a Stripe endpoint handler works with. */
export interface StripeHandlerContext {
  /** Who is calling (mode and key). */
  caller: StripeCaller;
  /** The request's `Stripe-Version`, or the account's default version when the request sends none. */
  apiVersion: string;
  /** Decoded parameters: the form body for POST, the query for GET and DELETE. */
  params: FormHash;
  /** Path parameters by name, e.g. `customer`, `id`, `intent`. */
  pathParams: Record<string, string>;
  /** The module's state. */
  state: StripeState;
  /** The emulator's shared context (clock, bridge, credentials). */
  module: ModuleContext;
  /** Module tunables. */
  options: StripeModuleOptions;
}

/** A successful handler answer. */
export interface StripeHandlerResult {
  status: number;
  body: unknown;
}

/** One Stripe endpoint. Handlers throw `StripeApiError` for Stripe error answers. */
export type StripeHandler = (context: StripeHandlerContext) => StripeHandlerResult;

/** The emulated now in whole seconds, as Stripe's `created` fields use. */
export function nowSeconds(context: StripeHandlerContext): number {
  return Math.floor(context.module.clock.now() / 1000);
}

/** The four days Stripe documents for ACH Direct Debit settlement with Payment Intents. */
export const DEFAULT_SETTLEMENT_DELAY_MS = 4 * 24 * 60 * 60 * 1000;

import type Stripe from 'stripe';
import type { EmulatorInfo } from '../lib/emulator-info.js';

/** The processor a flow hands the Plaid account to. */
export type Provider = 'stripe' | 'dwolla';

/** Who writes the client code: achbridge, hand-written glue over the official SDKs, or bare fetch. */
export type Variant = 'achbridge' | 'sdk' | 'raw';

/** The providers and variants, in report order. */
export const PROVIDERS: readonly Provider[] = ['stripe', 'dwolla'];
/** The variants, in report order. */
export const VARIANTS: readonly Variant[] = ['achbridge', 'sdk', 'raw'];

/** One flow's input: Link's public token (or, for a re-run, an access token), the account and the customer. */
export interface FlowJob {
  publicToken?: string | undefined;
  accessToken?: string | undefined;
  accountId: string;
  /** Stripe customer id (`cus_…`) or Dwolla customer URL. */
  customer: string;
}

/** What a flow made: the bank account (`ba_…`) or funding source id. */
export interface FlowOutcome {
  resourceId: string;
}

/** A ready client for one provider and variant. */
export interface Flow {
  /** Runs exchange → processor token → attach / funding source for one job. */
  run(job: FlowJob): Promise<FlowOutcome>;
}

/** Optional settings for the load test: retries, a fetch wrapper and a Stripe instance factory. */
export interface FlowHooks {
  /** Retries after the first attempt for every provider call (achbridge flows; default: the library's 2). */
  maxRetries?: number;
  fetch?: (input: string | URL, init?: RequestInit) => Promise<Response>;
  stripeInstance?: (info: EmulatorInfo) => Stripe;
}

/** Builds a flow against the emulator described by `info`. */
export type FlowFactory = (info: EmulatorInfo, hooks?: FlowHooks) => Flow;

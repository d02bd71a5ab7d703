import type { EmulatorInfo } from '../lib/emulator-info.js';

/** The processor a flow hands the Plaid account to. */
export type Provider = 'stripe' | 'dwolla' | 'modern_treasury';

/**
 * Who writes the client code: achbridge, hand-written glue over the official SDKs, bare `fetch`, or bare
 * `node:http` (the floor: the 3 necessary calls, nothing validated).
 */
export type Variant = 'achbridge' | 'sdk' | 'fetch' | 'http';

/** The providers of the client-cost section, in report order. */
export const PROVIDERS: readonly Provider[] = ['stripe', 'dwolla', 'modern_treasury'];
/** The providers the performance issue's targets and the rate-limited load section cover. */
export const TARGET_PROVIDERS = ['stripe', 'dwolla'] as const satisfies readonly Provider[];

/** How reports name each provider. */
export const PROVIDER_LABEL: Record<Provider, string> = {
  stripe: 'Stripe',
  dwolla: 'Dwolla',
  modern_treasury: 'Modern Treasury',
};
/** The variants, in report order. */
export const VARIANTS: readonly Variant[] = ['achbridge', 'sdk', 'fetch', 'http'];

/** How reports name each variant. */
export const VARIANT_LABEL: Record<Variant, string> = {
  achbridge: 'achbridge',
  sdk: 'SDK glue',
  fetch: 'raw fetch',
  http: 'raw node:http',
};

/** One flow's input: Link's public token (or, for a re-run, an access token), the account and the customer. */
export interface FlowJob {
  publicToken?: string | undefined;
  accessToken?: string | undefined;
  accountId: string;
  /** Stripe customer id (`cus_…`), Dwolla customer URL or Modern Treasury counterparty id. */
  customer: string;
}

/** What a flow made: the bank account (`ba_…`), funding source or external account id. */
export interface FlowOutcome {
  resourceId: string;
}

/** A ready client for one provider and variant. */
export interface Flow {
  /** Runs exchange → processor token → attach / funding source / external account for one job. */
  run(job: FlowJob): Promise<FlowOutcome>;
}

/** Optional settings for the load test. Every variant keeps its library's default transport. */
export interface FlowHooks {
  /**
   * Retries after the first attempt for every provider call: achbridge flows (default: the library's 2) and
   * the node:http floor's 429 retries (default 5).
   */
  maxRetries?: number;
  /**
   * The node:http floor only: also read the Plaid account (`/accounts/get`) beside the token mint, as
   * achbridge does for its checks: the 4-call floor (4 calls in 3 round trips). Other variants ignore it.
   */
  readAccounts?: boolean;
}

/** Builds a flow against the emulator described by `info`. */
export type FlowFactory = (info: EmulatorInfo, hooks?: FlowHooks) => Flow;

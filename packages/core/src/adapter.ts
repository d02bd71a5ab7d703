import type { AchProcessor, ProcessorRequirements } from './processor-requirements.js';

/** What every processor adapter's `link` returns. */
export interface LinkResult {
  /** The processor the account was handed to. */
  processor: AchProcessor;
  /** The Plaid Item the account belongs to. */
  itemId: string;
  /** The Plaid account that was linked. */
  accountId: string;
  /** The processor-side customer that owns the bank account. */
  customerId: string;
  /** False when the bank account already existed and was returned instead of created. */
  created: boolean;
}

/** The contract every processor adapter implements. */
export interface ProcessorAdapter<Input = unknown, Result extends LinkResult = LinkResult> {
  /** The processor's name. */
  readonly processor: AchProcessor;
  /** What the processor needs from an institution, for `checkAuthSupport`'s `processors` (optional for older adapters). */
  readonly requirements?: ProcessorRequirements;
  /** Hands a Plaid-linked account to the processor; safe to retry and to re-run. */
  link(input: Input): Promise<Result>;
}

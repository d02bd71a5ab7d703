import { dwollaProcessor } from './dwolla/dwolla-processor.js';
import { modernTreasuryProcessor } from './modern-treasury/modern-treasury-processor.js';
import type { SampleProcessor } from './sample-processor.js';
import { stripeProcessor } from './stripe/stripe-processor.js';

/**
 * Every processor the sample offers, in the page's and the CLI's order. Adding a processor is one module in
 * `src/processors/<name>/` and one line here.
 */
export const SAMPLE_PROCESSORS: readonly SampleProcessor[] = [
  stripeProcessor,
  dwollaProcessor,
  modernTreasuryProcessor,
];

/** The registered processor with this `--processor` value / route slug, if any. */
export function processorBySlug(slug: string): SampleProcessor | undefined {
  return SAMPLE_PROCESSORS.find((processor) => processor.slug === slug);
}

/** The registered processor with this key (auth-support verdicts, outcomes), if any. */
export function processorByKey(key: string): SampleProcessor | undefined {
  return SAMPLE_PROCESSORS.find((processor) => processor.key === key);
}

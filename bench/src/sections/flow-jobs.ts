import {
  createDwollaCustomers,
  createModernTreasuryCounterparties,
  createStripeCustomers,
} from '../fixtures/customer-fixtures.js';
import { createLinkFixtures, type LinkFixture } from '../fixtures/link-fixtures.js';
import type { FlowJob, Provider } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';

/** A fresh job: an unused public token and a customer (or counterparty) of its own, so the attach really creates. */
export interface PreparedJob extends FlowJob {
  fixture: LinkFixture;
}

/** Prepares `count` fresh jobs for `provider` (setup through the emulator, never measured). */
export async function prepareJobs(
  info: EmulatorInfo,
  provider: Provider,
  count: number,
): Promise<PreparedJob[]> {
  const [fixtures, customers] = await Promise.all([
    createLinkFixtures(info, count),
    provider === 'stripe'
      ? createStripeCustomers(info, count)
      : provider === 'dwolla'
        ? createDwollaCustomers(info, count)
        : createModernTreasuryCounterparties(info, count),
  ]);
  return fixtures.map((fixture, index) => ({
    fixture,
    publicToken: fixture.publicToken,
    accountId: fixture.accountId,
    customer: customers[index] as string,
  }));
}

/** The job as sent to a worker (without the setup-only fields). */
export function toFlowJob(job: PreparedJob): FlowJob {
  return {
    publicToken: job.publicToken,
    accessToken: job.accessToken,
    accountId: job.accountId,
    customer: job.customer,
  };
}

/** Throws unless every flow of a batch made a resource and no two made the same one. */
export function assertBatchCreated(
  label: string,
  outcomes: readonly (string | null)[],
  errors: readonly string[],
  expected: number,
): void {
  const made = outcomes.filter((outcome): outcome is string => typeof outcome === 'string' && outcome !== '');
  if (made.length !== expected) {
    throw new Error(`${label}: ${expected - made.length} of ${expected} flows failed: ${errors.join(' | ')}`);
  }
  if (new Set(made).size !== made.length) throw new Error(`${label}: two flows returned the same resource`);
}

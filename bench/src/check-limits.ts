import { ratio } from './lib/stats.js';
import { cpuOf } from './report/targets.js';
import type { ProviderCost } from './sections/client-cost.js';

/** Gross-regression bounds of `bench:check` (far looser than the targets: CI machines are noisy). */
export const CHECK_LIMITS = {
  /** achbridge must not cost more client CPU per flow than the hand-written SDK glue. */
  cpuVsSdk: 1.0,
  /** nor more than twice the raw-fetch floor. */
  cpuVsRaw: 2.0,
} as const;

/** One failed bound, as a sentence. */
export type CheckFailure = string;

/** The bounds `costs` break (empty when the check passes). Uses the concurrent mode and the sequential one. */
export function findCheckFailures(costs: readonly ProviderCost[]): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const cost of costs) {
    for (const mode of ['sequential', 'concurrent'] as const) {
      const achbridge = cpuOf(cost, 'achbridge', mode);
      const vsSdk = ratio(achbridge, cpuOf(cost, 'sdk', mode));
      const vsRaw = ratio(achbridge, cpuOf(cost, 'raw', mode));
      if (vsSdk === null || vsSdk > CHECK_LIMITS.cpuVsSdk) {
        failures.push(
          `${cost.provider} ${mode}: achbridge CPU/flow is ${vsSdk?.toFixed(2)}× the SDK glue (limit ${CHECK_LIMITS.cpuVsSdk}×)`,
        );
      }
      if (vsRaw === null || vsRaw > CHECK_LIMITS.cpuVsRaw) {
        failures.push(
          `${cost.provider} ${mode}: achbridge CPU/flow is ${vsRaw?.toFixed(2)}× raw fetch (limit ${CHECK_LIMITS.cpuVsRaw}×)`,
        );
      }
    }
  }
  return failures;
}

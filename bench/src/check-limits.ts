import { ratio } from './lib/stats.js';
import { cpuOf } from './report/targets.js';
import type { ProviderCost } from './sections/client-cost.js';

/**
 * Gross-regression bounds of `bench:check`, far looser than the targets because a short run on a shared
 * CI machine is noisy. For reference, with fetch as core's transport (before the node:http change)
 * achbridge cost 1.4-1.9× raw fetch and 1.3-2.2× the SDK glue per flow; with node:http about 1.0-1.3× both.
 */
export const CHECK_LIMITS = {
  /** achbridge client CPU per flow ÷ the hand-written SDK glue. */
  cpuVsSdk: 1.8,
  /** achbridge client CPU per flow ÷ the raw-fetch floor. */
  cpuVsRaw: 1.8,
} as const;

/** One failed bound, as a sentence. */
export type CheckFailure = string;

/**
 * The bounds `costs` break (empty when the check passes). A ratio fails only when it is over its bound in
 * both modes (sequential and concurrent), so one noisy batch cannot fail CI.
 */
export function findCheckFailures(costs: readonly ProviderCost[]): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const cost of costs) {
    for (const [baseline, limit] of [
      ['sdk', CHECK_LIMITS.cpuVsSdk],
      ['raw', CHECK_LIMITS.cpuVsRaw],
    ] as const) {
      const ratios = (['sequential', 'concurrent'] as const).map((mode) =>
        ratio(cpuOf(cost, 'achbridge', mode), cpuOf(cost, baseline, mode)),
      );
      if (ratios.every((value) => value === null || value > limit)) {
        const shown = ratios.map((value) => (value === null ? 'n/a' : `${value.toFixed(2)}×`)).join(' / ');
        failures.push(
          `${cost.provider}: achbridge client CPU per flow is ${shown} (sequential / concurrent) the ${baseline === 'sdk' ? 'SDK glue' : 'raw fetch floor'}; limit ${limit}×`,
        );
      }
    }
  }
  return failures;
}

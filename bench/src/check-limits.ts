import { EXPECTED_CALLS, EXPECTED_ROUND_TRIPS } from './flows/calls-per-flow.js';
import { PROVIDER_LABEL, VARIANT_LABEL } from './flows/flow-types.js';
import { median } from './lib/stats.js';
import { roundRatios } from './report/targets.js';
import type { ProviderCost } from './sections/client-cost.js';

/**
 * Gross-regression bounds of `bench:check`, far looser than the targets because a short run on a shared
 * CI machine is noisy. For reference, with fetch as core's transport (before the node:http change)
 * achbridge cost 1.3-2.2× the SDK glue per flow; with node:http about 1.0-1.3×, and 3-5× the raw
 * node:http floor (5 calls against 3, all validated); at 4 calls in 3 round trips, about 0.6-1.2× the glue
 * and 1.3-2.2× the floor on the loaded shared machine. The bounds apply to every provider in the run.
 */
export const CHECK_LIMITS = {
  /** achbridge client CPU per fresh link ÷ the hand-written SDK glue. */
  cpuVsSdk: 1.8,
  /** achbridge client CPU per fresh link ÷ the raw node:http floor. */
  cpuVsHttp: 8,
} as const;

/** One failed bound, as a sentence. */
export type CheckFailure = string;

/**
 * Every variant's counted fresh links must make exactly the committed number of HTTP calls, and wait for
 * exactly the committed number of round trips on their critical path.
 */
function callFailures(cost: ProviderCost): CheckFailure[] {
  return cost.variants.flatMap((entry) =>
    (
      [
        ['HTTP calls', entry.callsPerFreshLink, EXPECTED_CALLS, 'EXPECTED_CALLS'],
        [
          'round trips on the critical path',
          entry.roundTripsPerFreshLink,
          EXPECTED_ROUND_TRIPS,
          'EXPECTED_ROUND_TRIPS',
        ],
      ] as const
    ).flatMap(([what, samples, committed, name]) => {
      const expected = committed[cost.provider][entry.variant];
      if (samples.length > 0 && samples.every((count) => count === expected)) return [];
      return [
        `${PROVIDER_LABEL[cost.provider]}: ${VARIANT_LABEL[entry.variant]} made ${samples.length === 0 ? 'no counted' : samples.join(', ')} ${what} per fresh link; expected exactly ${expected} (${name} in bench/src/flows/calls-per-flow.ts)`,
      ];
    }),
  );
}

/** A CPU ratio fails only when its median per-round value is over the bound in both modes. */
function cpuFailures(cost: ProviderCost): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [baseline, limit] of [
    ['sdk', CHECK_LIMITS.cpuVsSdk],
    ['http', CHECK_LIMITS.cpuVsHttp],
  ] as const) {
    const ratios = (['sequential', 'concurrent'] as const).map((mode) => {
      const values = roundRatios(cost, baseline, mode).filter((value): value is number => value !== null);
      return values.length === 0 ? null : median(values);
    });
    if (ratios.every((value) => value === null || value > limit)) {
      const shown = ratios.map((value) => (value === null ? 'n/a' : `${value.toFixed(2)}×`)).join(' / ');
      failures.push(
        `${PROVIDER_LABEL[cost.provider]}: achbridge client CPU per fresh link is ${shown} (sequential / concurrent) the ${VARIANT_LABEL[baseline]}; limit ${limit}×`,
      );
    }
  }
  return failures;
}

/**
 * The bounds `costs` break (empty when the check passes): HTTP calls per fresh link exactly as committed
 * for every client, and the CPU ratios against gross regression only (over the bound in both the
 * sequential and the concurrent mode, so one noisy batch cannot fail CI).
 */
export function findCheckFailures(costs: readonly ProviderCost[]): CheckFailure[] {
  return costs.flatMap((cost) => [...callFailures(cost), ...cpuFailures(cost)]);
}

import { type Provider, VARIANTS, type Variant } from '../src/flows/flow-types.js';
import type { ModeCost, ProviderCost } from '../src/sections/client-cost.js';

function mode(cpuMicros: readonly number[]): ModeCost {
  return {
    cpuMicrosPerFlow: [...cpuMicros],
    wallMsPerFlow: cpuMicros.map(() => 1),
    medianCpuMicrosPerFlow: [...cpuMicros].sort((a, b) => a - b)[Math.floor(cpuMicros.length / 2)] as number,
    minCpuMicrosPerFlow: Math.min(...cpuMicros),
    maxCpuMicrosPerFlow: Math.max(...cpuMicros),
    medianWallMsPerFlow: 1,
    medianFlowsPerSecond: 1000,
  };
}

/** CPU µs per flow of one variant: [sequential, concurrent], one number (one round) or one per round. */
export type VariantCpu = [number | readonly number[], number | readonly number[]];

/**
 * A client-cost result with the given CPU µs per flow for each variant (raw fetch defaults to the SDK glue's
 * numbers), the given HTTP calls per counted fresh link (default: 3 for every variant) and round trips on
 * its critical path (default: 3 for every variant).
 */
export function providerCost(
  cpu: Record<Exclude<Variant, 'fetch'>, VariantCpu> & { fetch?: VariantCpu },
  provider: Provider = 'dwolla',
  calls: Partial<Record<Variant, number[]>> = {},
  roundTrips: Partial<Record<Variant, number[]>> = {},
): ProviderCost {
  const samples = (value: number | readonly number[]): readonly number[] =>
    typeof value === 'number' ? [value] : value;
  const cpuOf = (variant: Variant): VariantCpu =>
    variant === 'fetch' ? (cpu.fetch ?? cpu.sdk) : cpu[variant];
  return {
    provider,
    settings: {
      rounds: 1,
      sequentialFlows: 1,
      concurrentFlows: 1,
      concurrency: 64,
      warmupFlows: 0,
      countFlows: 1,
    },
    orders: [[...VARIANTS]],
    variants: VARIANTS.map((variant) => ({
      variant,
      callsPerFreshLink: calls[variant] ?? [3],
      roundTripsPerFreshLink: roundTrips[variant] ?? [3],
      sequential: mode(samples(cpuOf(variant)[0])),
      concurrent: mode(samples(cpuOf(variant)[1])),
    })),
  };
}

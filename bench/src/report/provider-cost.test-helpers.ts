import type { Variant } from '../flows/flow-types.js';
import type { ModeCost, ProviderCost } from '../sections/client-cost.js';

function mode(cpuMicros: number): ModeCost {
  return {
    cpuMicrosPerFlow: [cpuMicros],
    wallMsPerFlow: [1],
    medianCpuMicrosPerFlow: cpuMicros,
    medianWallMsPerFlow: 1,
    medianFlowsPerSecond: 1000,
  };
}

/** A client-cost result with the given median CPU µs per flow for each variant: [sequential, concurrent]. */
export function providerCost(
  cpu: Record<Variant, [number, number]>,
  provider: 'stripe' | 'dwolla' = 'dwolla',
): ProviderCost {
  return {
    provider,
    settings: { rounds: 1, sequentialFlows: 1, concurrentFlows: 1, concurrency: 64, warmupFlows: 0 },
    orders: [['achbridge', 'sdk', 'raw']],
    variants: (['achbridge', 'sdk', 'raw'] as const).map((variant) => ({
      variant,
      callsPerFlow: '3',
      sequential: mode(cpu[variant][0]),
      concurrent: mode(cpu[variant][1]),
    })),
  };
}

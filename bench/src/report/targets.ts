import type { Provider, Variant } from '../flows/flow-types.js';
import { ratio } from '../lib/stats.js';
import type { ProviderCost } from '../sections/client-cost.js';
import type { ColdStartResult } from '../sections/cold-start.js';
import type { EndpointThroughput } from '../sections/emulator-throughput.js';
import type { FootprintResult } from '../sections/install-footprint.js';
import type { LoadResult } from '../sections/rate-limited-load.js';
import type { TargetVerdict } from './bench-results.js';

/** The targets. */
export const TARGETS = {
  cpuVsSdk: 0.5,
  cpuVsRaw: 1.2,
  coldStart: 0.3,
  installFootprint: 0.1,
  loadVsFloor: 1.2,
  plaidReadRps: 5000,
} as const;

function verdict(
  id: string,
  label: string,
  value: number | null,
  comparison: TargetVerdict['comparison'],
  target: number,
  unit = '×',
): TargetVerdict {
  let pass: boolean | null = null;
  if (value !== null) {
    pass = comparison === '<=' ? value <= target : comparison === '>=' ? value >= target : value === target;
  }
  return { id, label, value, comparison, target, pass, unit };
}

/** Median client CPU per flow of a variant in one mode. */
export function cpuOf(cost: ProviderCost, variant: Variant, mode: 'sequential' | 'concurrent'): number {
  const entry = cost.variants.find((candidate) => candidate.variant === variant);
  if (!entry) throw new Error(`no ${variant} result for ${cost.provider}`);
  return entry[mode].medianCpuMicrosPerFlow;
}

/** The CPU-per-flow ratios with their targets. */
export function clientCostVerdicts(costs: readonly ProviderCost[]): TargetVerdict[] {
  return costs.flatMap((cost) =>
    (['sequential', 'concurrent'] as const).flatMap((mode) => {
      const tag = mode === 'sequential' ? 'seq' : `c${cost.settings.concurrency}`;
      const achbridge = cpuOf(cost, 'achbridge', mode);
      return [
        verdict(
          `cpu-${cost.provider}-${tag}-vs-sdk`,
          `${cost.provider} client CPU/flow, achbridge ÷ SDK glue (${tag})`,
          ratio(achbridge, cpuOf(cost, 'sdk', mode)),
          '<=',
          TARGETS.cpuVsSdk,
        ),
        verdict(
          `cpu-${cost.provider}-${tag}-vs-raw`,
          `${cost.provider} client CPU/flow, achbridge ÷ raw fetch (${tag})`,
          ratio(achbridge, cpuOf(cost, 'raw', mode)),
          '<=',
          TARGETS.cpuVsRaw,
        ),
      ];
    }),
  );
}

/** Cold start ratios (whole process, spawn to exit). */
export function coldStartVerdicts(result: ColdStartResult): TargetVerdict[] {
  const medianOf = (id: string): number =>
    result.cases.find((entry) => entry.id === id)?.medianMs ?? Number.NaN;
  return (['dwolla', 'stripe'] as Provider[]).map((provider) =>
    verdict(
      `cold-start-${provider}`,
      `cold start, achbridge ${provider} ÷ plaid + ${provider === 'dwolla' ? 'dwolla-v2' : 'stripe'}`,
      ratio(medianOf(`achbridge-${provider}`), medianOf(`sdk-${provider}`)),
      '<=',
      TARGETS.coldStart,
    ),
  );
}

/** Install footprint ratios. */
export function footprintVerdicts(result: FootprintResult): TargetVerdict[] {
  const bytesOf = (id: string): number =>
    result.status === 'measured'
      ? (result.entries.find((entry) => entry.id === id)?.bytes ?? Number.NaN)
      : Number.NaN;
  return (['dwolla', 'stripe'] as Provider[]).map((provider) =>
    verdict(
      `install-${provider}`,
      `install footprint, @achbridge/${provider} ÷ plaid + ${provider === 'dwolla' ? 'dwolla-v2' : 'stripe'}`,
      ratio(bytesOf(`achbridge-${provider}`), bytesOf(`sdk-${provider}`)),
      '<=',
      TARGETS.installFootprint,
    ),
  );
}

/** Duplicates (must be 0; unknown if flows failed or resources are missing) and time against the floor. */
export function loadVerdicts(result: LoadResult): TargetVerdict[] {
  return [
    ...result.providers.map((entry) =>
      verdict(
        `load-${entry.provider}-duplicates`,
        `${entry.flows} ${entry.provider} flows under 429s: duplicate ${entry.provider === 'stripe' ? 'bank accounts' : 'funding sources'}`,
        entry.failedFlows === 0 && entry.duplicates.pairs === entry.expectedResources
          ? entry.duplicates.duplicates
          : null,
        '==',
        0,
        '',
      ),
    ),
    verdict(
      'load-floor',
      `${result.settings.flows} flows under 429s: total time ÷ Retry-After floor`,
      result.ratioToFloor,
      '<=',
      TARGETS.loadVsFloor,
    ),
  ];
}

/** Emulator read throughput. */
export function throughputVerdicts(results: readonly EndpointThroughput[]): TargetVerdict[] {
  const read = results.find((entry) => entry.id === 'plaid-read');
  return [
    verdict(
      'emulator-plaid-read-rps',
      'emulator Plaid read (/accounts/get) requests/s',
      read && read.non2xx === 0 && read.errors === 0 ? read.requestsPerSecond : null,
      '>=',
      TARGETS.plaidReadRps,
      ' req/s',
    ),
  ];
}

import { NECESSARY_CALLS } from '../flows/calls-per-flow.js';
import { type Provider, TARGET_PROVIDERS, type Variant } from '../flows/flow-types.js';
import { median, ratio } from '../lib/stats.js';
import type { ProviderCost } from '../sections/client-cost.js';
import type { ColdStartResult } from '../sections/cold-start.js';
import type { EndpointThroughput } from '../sections/emulator-throughput.js';
import type { FootprintResult } from '../sections/install-footprint.js';
import type { LoadResult } from '../sections/rate-limited-load.js';
import type { StoreBenchResult } from '../sections/store-section.js';
import type { TargetVerdict } from './bench-results.js';

/** The performance issue's targets. */
export const TARGETS = {
  /** Client CPU per fresh link ÷ the hand-written SDK glue. */
  cpuVsSdk: 0.6,
  /** Client CPU per fresh link ÷ the raw node:http floor (3 calls, nothing validated). */
  cpuVsHttp: 2.0,
  /** HTTP calls per fresh link. */
  callsPerLink: NECESSARY_CALLS,
  /** Import time above bare node ÷ the same for plaid + the processor's SDK. */
  coldStartImport: 0.35,
  /** Spawn to exit ÷ plaid + the processor's SDK. */
  coldStartSpawn: 0.5,
  /** `@achbridge/dwolla` installed ÷ plaid + dwolla-v2. */
  installFootprint: 0.3,
  /** 1,000 flows under 429s ÷ the 3-call floor client honouring Retry-After. */
  loadVsFloor: 1.1,
  /** Emulator Plaid read, requests per second. */
  plaidReadRps: 5000,
  /** Client time per `link` with the store ÷ without it. */
  storeOverhead: 1.15,
  /** Webhook inbox deliveries/s with 2 worker processes ÷ with 1. */
  inboxScaling: 1.6,
} as const;

type Spread = NonNullable<TargetVerdict['spread']>;

function spreadOf(values: readonly (number | null)[]): Spread | undefined {
  const valid = values.filter((value): value is number => value !== null && Number.isFinite(value));
  return valid.length === 0 ? undefined : { min: Math.min(...valid), max: Math.max(...valid) };
}

function verdict(
  id: string,
  label: string,
  value: number | null,
  comparison: TargetVerdict['comparison'],
  target: number,
  unit = '×',
  spread?: Spread,
): TargetVerdict {
  let pass: boolean | null = null;
  if (value !== null) {
    pass = comparison === '<=' ? value <= target : comparison === '>=' ? value >= target : value === target;
  }
  return { id, label, value, comparison, target, pass, unit, ...(spread ? { spread } : {}) };
}

/** Median client CPU per flow of a variant in one mode. */
export function cpuOf(cost: ProviderCost, variant: Variant, mode: 'sequential' | 'concurrent'): number {
  return modeOf(cost, variant, mode).medianCpuMicrosPerFlow;
}

function modeOf(cost: ProviderCost, variant: Variant, mode: 'sequential' | 'concurrent') {
  const entry = cost.variants.find((candidate) => candidate.variant === variant);
  if (!entry) throw new Error(`no ${variant} result for ${cost.provider}`);
  return entry[mode];
}

/** achbridge ÷ `baseline` per round (both measured in the same round, so machine noise mostly cancels). */
export function roundRatios(
  cost: ProviderCost,
  baseline: Variant,
  mode: 'sequential' | 'concurrent',
): (number | null)[] {
  const base = modeOf(cost, baseline, mode).cpuMicrosPerFlow;
  return modeOf(cost, 'achbridge', mode).cpuMicrosPerFlow.map((value, round) =>
    ratio(value, base[round] ?? Number.NaN),
  );
}

/** The tag a mode carries in ids and labels: `seq` or `c64`. */
export function modeTag(cost: ProviderCost, mode: 'sequential' | 'concurrent'): string {
  return mode === 'sequential' ? 'seq' : `c${cost.settings.concurrency}`;
}

/** The costs of the providers the performance issue sets targets for (Stripe and Dwolla). */
function targetCosts(costs: readonly ProviderCost[]): ProviderCost[] {
  return costs.filter((cost) => (TARGET_PROVIDERS as readonly Provider[]).includes(cost.provider));
}

/**
 * The CPU-per-link ratios with their targets (Stripe and Dwolla; the report shows Modern Treasury's ratios
 * without a target): median of the per-round ratios, with their min–max.
 */
export function clientCostVerdicts(costs: readonly ProviderCost[]): TargetVerdict[] {
  return targetCosts(costs).flatMap((cost) =>
    (['sequential', 'concurrent'] as const).flatMap((mode) => {
      const tag = modeTag(cost, mode);
      return (
        [
          ['sdk', 'SDK glue', TARGETS.cpuVsSdk],
          ['http', 'raw node:http floor', TARGETS.cpuVsHttp],
        ] as const
      ).map(([baseline, name, target]) => {
        const ratios = roundRatios(cost, baseline, mode);
        const valid = ratios.filter((value): value is number => value !== null);
        return verdict(
          `cpu-${cost.provider}-${tag}-vs-${baseline}`,
          `${cost.provider} client CPU per fresh link, achbridge ÷ ${name} (${tag})`,
          valid.length === ratios.length && valid.length > 0 ? median(valid) : null,
          '<=',
          target,
          '×',
          spreadOf(ratios),
        );
      });
    }),
  );
}

/** HTTP calls of one variant's fresh links: the count when every counted link made the same, else null. */
export function callsOf(cost: ProviderCost, variant: Variant): number | null {
  const samples = cost.variants.find((candidate) => candidate.variant === variant)?.callsPerFreshLink ?? [];
  const first = samples[0];
  return first !== undefined && samples.every((count) => count === first) ? first : null;
}

/** achbridge's HTTP calls per fresh link against the necessary 3 (Stripe and Dwolla). */
export function callVerdicts(costs: readonly ProviderCost[]): TargetVerdict[] {
  return targetCosts(costs).map((cost) => {
    const samples = cost.variants.find((entry) => entry.variant === 'achbridge')?.callsPerFreshLink ?? [];
    return verdict(
      `calls-${cost.provider}`,
      `${cost.provider} HTTP calls per fresh link, achbridge`,
      callsOf(cost, 'achbridge'),
      '==',
      TARGETS.callsPerLink,
      '',
      spreadOf(samples),
    );
  });
}

/** Cold start ratios: import time above bare node, and spawn to exit; per-run ratios give the spread. */
export function coldStartVerdicts(result: ColdStartResult): TargetVerdict[] {
  const caseOf = (id: string) => result.cases.find((entry) => entry.id === id);
  return (['dwolla', 'stripe'] as Provider[]).flatMap((provider) => {
    const ours = caseOf(`achbridge-${provider}`);
    const theirs = caseOf(`sdk-${provider}`);
    const sdkName = provider === 'dwolla' ? 'dwolla-v2' : 'stripe';
    const perRun = (pick: 'samplesMs' | 'netSamplesMs') =>
      (ours?.[pick] ?? []).map((value, run) => ratio(value, theirs?.[pick][run] ?? Number.NaN));
    return [
      verdict(
        `cold-start-import-${provider}`,
        `cold start above bare node, achbridge ${provider} ÷ plaid + ${sdkName}`,
        ours && theirs ? ratio(ours.medianNetMs, theirs.medianNetMs) : null,
        '<=',
        TARGETS.coldStartImport,
        '×',
        spreadOf(perRun('netSamplesMs')),
      ),
      verdict(
        `cold-start-spawn-${provider}`,
        `cold start spawn to exit, achbridge ${provider} ÷ plaid + ${sdkName}`,
        ours && theirs ? ratio(ours.medianMs, theirs.medianMs) : null,
        '<=',
        TARGETS.coldStartSpawn,
        '×',
        spreadOf(perRun('samplesMs')),
      ),
    ];
  });
}

/** Install footprint of `@achbridge/dwolla` against plaid + dwolla-v2 (the issue sets no Stripe target). */
export function footprintVerdicts(result: FootprintResult): TargetVerdict[] {
  const bytesOf = (id: string): number =>
    result.status === 'measured'
      ? (result.entries.find((entry) => entry.id === id)?.bytes ?? Number.NaN)
      : Number.NaN;
  return [
    verdict(
      'install-dwolla',
      'install footprint, @achbridge/dwolla ÷ plaid + dwolla-v2',
      ratio(bytesOf('achbridge-dwolla'), bytesOf('sdk-dwolla')),
      '<=',
      TARGETS.installFootprint,
    ),
  ];
}

/** Duplicates (must be 0; unknown if flows failed or resources are missing) and time against the floor client. */
export function loadVerdicts(result: LoadResult): TargetVerdict[] {
  const floorFailed = result.providers.some((entry) => entry.floor.some((run) => run.failedFlows > 0));
  return [
    ...result.providers.map((entry) =>
      verdict(
        `load-${entry.provider}-duplicates`,
        `${entry.flows} ${entry.provider} flows under 429s: duplicate ${entry.provider === 'stripe' ? 'bank accounts' : 'funding sources'}`,
        !entry.achbridge.some((run) => run.failedFlows > 0) &&
          entry.duplicates.pairs === entry.expectedResources
          ? entry.duplicates.duplicates
          : null,
        '==',
        0,
        '',
      ),
    ),
    verdict(
      'load-floor',
      `${result.settings.flows} flows under 429s: achbridge ÷ the 3-call floor client (same run, median of ${result.settings.rounds} rounds)`,
      floorFailed ? null : result.ratioToFloor,
      '<=',
      TARGETS.loadVsFloor,
      '×',
      floorFailed ? undefined : (result.ratioToFloorSpread ?? undefined),
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

/** The store section's targets: overhead per link (CPU and wall, per engine) and inbox scaling. */
export function storeVerdicts(result: StoreBenchResult): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  for (const row of result.overhead) {
    const label = row.engine === 'pglite' ? 'embedded PGlite' : 'Postgres';
    const rounds = row.rounds ?? [];
    verdicts.push(
      verdict(
        `store-overhead-cpu-${row.engine}`,
        `client CPU per Stripe link with the store (${label}) ÷ without`,
        row.cpuRatio ?? null,
        '<=',
        TARGETS.storeOverhead,
        '×',
        spreadOf(rounds.map((round) => ratio(round.storeCpuMicros, round.plainCpuMicros))),
      ),
      verdict(
        `store-overhead-wall-${row.engine}`,
        `wall time per Stripe link with the store (${label}) ÷ without`,
        row.wallRatio ?? null,
        '<=',
        TARGETS.storeOverhead,
        '×',
        spreadOf(rounds.map((round) => ratio(round.storeWallMicros, round.plainWallMicros))),
      ),
    );
  }
  for (const inbox of result.inbox) {
    verdicts.push(
      verdict(
        `inbox-scaling-${inbox.handlerDelayMs}ms`,
        `webhook inbox deliveries/s, 2 worker processes ÷ 1 (Postgres, job engine, handler ${inbox.handlerDelayMs === 0 ? 'empty' : `waiting ${inbox.handlerDelayMs} ms`})`,
        inbox.scaling ?? null,
        '>=',
        TARGETS.inboxScaling,
      ),
    );
  }
  return verdicts;
}

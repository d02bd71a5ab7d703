import { type Provider, TARGET_PROVIDERS, type Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { median, range, ratio } from '../lib/stats.js';
import { type FlowWorker, startFlowWorker } from '../worker/worker-handle.js';
import type { BatchResult } from '../worker/worker-protocol.js';
import {
  addFault,
  clearFaults,
  countDuplicates,
  type DuplicateCount,
  listFaults,
  resetEmulator,
} from './emulator-state.js';
import { type PreparedJob, prepareJobs, toFlowJob } from './flow-jobs.js';

/** Settings of the rate-limited load run. */
export interface LoadSettings {
  /** Concurrent link flows in all (split evenly between Stripe and Dwolla, all started at once). */
  flows: number;
  /** Share of flows that re-run another flow's link concurrently (same Item, account and customer). */
  rerunShare: number;
  /** Retry-After the injected 429s carry. */
  retryAfterSeconds: number;
  /** Every k-th matching request answers 429. */
  every: number;
  /** Retries per provider call the achbridge clients are given (the library default is 2). */
  maxRetries: number;
  /**
   * Sockets per origin in each client process (node:http's shared pool): 1,000 flows opening a socket each
   * at once overflow the emulator's listen backlog (511), and dropped SYNs stall for seconds.
   */
  maxSockets: number;
  /**
   * Rounds of the three clients under 429s (the order rotates per round): the time of 1,000 flows is set by
   * the few flows that drew the most 429s in a row, so one run is one draw; the ratio is the median of the
   * per-round ratios.
   */
  rounds: number;
}

/** One client process's run: its flows' wall time, what it sent and what it got. */
export interface ClientRun {
  /** Wall time until this provider's last flow finished. */
  seconds: number;
  failedFlows: number;
  errors: string[];
  /** HTTP requests sent and 429s answered (counted in the client process through Node's diagnostics channels). */
  requests: number;
  throttled: number;
  /** Peak RSS of the client process. */
  peakRssBytes: number;
}

/** The clients run under 429s: achbridge and the two node:http floors (3 calls; 4 calls like achbridge's). */
export const LOAD_CLIENTS = ['floor', 'floorFourCalls', 'achbridge'] as const;

/** One of the clients run under 429s. */
export type LoadClient = (typeof LOAD_CLIENTS)[number];

/** One provider's share of the load. */
export interface ProviderLoad {
  provider: Provider;
  flows: number;
  freshFlows: number;
  rerunFlows: number;
  /** achbridge under 429s, one entry per round. */
  achbridge: ClientRun[];
  /** The floor client (raw node:http, 3 calls, honours Retry-After) under the same 429s, per round. */
  floor: ClientRun[];
  /** The 4-call floor client (the 3-call floor plus the accounts read beside the token mint), per round. */
  floorFourCalls: ClientRun[];
  /** achbridge, the same number of fresh flows, no fault (for scale). */
  unthrottledSeconds: number;
  /** Duplicates left by achbridge, summed over the rounds (each round starts from reset state). */
  duplicates: DuplicateCount;
  /** Resources there must be, summed over the rounds: one per fresh flow (re-runs must find, not create). */
  expectedResources: number;
}

/** One round under 429s: the three clients one after the other, each on freshly reset emulator state. */
export interface LoadRound {
  order: LoadClient[];
  /** Wall time of all flows (both providers) per client. */
  seconds: Record<LoadClient, number>;
  /** achbridge's time ÷ the 3-call floor's, and ÷ the 4-call floor's, this round. */
  ratioToFloor: number | null;
  ratioToFourCallFloor: number | null;
}

/** The whole rate-limited load run. */
export interface LoadResult {
  settings: LoadSettings;
  providers: ProviderLoad[];
  /** The emulator's fault counters of achbridge's last round. */
  faults: { path: string; matched: number; applied: number }[];
  rounds: LoadRound[];
  /** Median over the rounds of the 3-call floor client's time (all flows, both providers). */
  floorSeconds: number;
  /** Median over the rounds of the 4-call floor client's time. */
  floorFourCallsSeconds: number;
  /** Median over the rounds of achbridge's time, until the last flow of either provider finished. */
  totalSeconds: number;
  /** Median of the per-round ratios achbridge ÷ the 3-call floor (the target), with their min–max. */
  ratioToFloor: number | null;
  ratioToFloorSpread: { min: number; max: number } | null;
  /** Median of the per-round ratios achbridge ÷ the 4-call floor, with their min–max. */
  ratioToFourCallFloor: number | null;
  ratioToFourCallFloorSpread: { min: number; max: number } | null;
  /** achbridge's flows with no fault injected, for scale. */
  unthrottledSeconds: number;
}

function withReruns(jobs: PreparedJob[], reruns: number): PreparedJob[] {
  const mixed: PreparedJob[] = [];
  jobs.forEach((job, index) => {
    mixed.push(job);
    if (index < reruns) mixed.push({ ...job, publicToken: undefined, accessToken: job.fixture.accessToken });
  });
  return mixed;
}

const FAULT_PATHS = ['/plaid/**', '/v1/**', '/dwolla/customers/**', '/dwolla/funding-sources/**'];

async function runTogether(
  workers: Map<Provider, FlowWorker>,
  jobs: Map<Provider, PreparedJob[]>,
): Promise<{ results: Map<Provider, BatchResult>; wallMs: number }> {
  const started = performance.now();
  const settled = await Promise.all(
    TARGET_PROVIDERS.map(async (provider) => {
      const list = jobs.get(provider) ?? [];
      const result = await (workers.get(provider) as FlowWorker).run(
        list.map(toFlowJob),
        Math.max(1, list.length),
        true,
      );
      return [provider, result] as const;
    }),
  );
  return { results: new Map(settled), wallMs: performance.now() - started };
}

async function startWorkers(
  info: EmulatorInfo,
  settings: LoadSettings,
  variant: Variant,
  readAccounts: boolean,
): Promise<Map<Provider, FlowWorker>> {
  const workers = await Promise.all(
    TARGET_PROVIDERS.map((provider) =>
      startFlowWorker({
        provider,
        variant,
        info,
        maxRetries: settings.maxRetries,
        maxSockets: settings.maxSockets,
        ...(readAccounts ? { readAccounts } : {}),
      }),
    ),
  );
  return new Map(workers.map((worker) => [worker.provider, worker]));
}

async function stopWorkers(workers: Map<Provider, FlowWorker>): Promise<void> {
  await Promise.all([...workers.values()].map((worker) => worker.stop()));
}

const CLIENT_SETUP: Record<LoadClient, { variant: Variant; readAccounts: boolean }> = {
  floor: { variant: 'http', readAccounts: false },
  floorFourCalls: { variant: 'http', readAccounts: true },
  achbridge: { variant: 'achbridge', readAccounts: false },
};

/** Runs prepared jobs in fresh client processes of one client, both providers at once, with or without 429s. */
async function runPhase(
  info: EmulatorInfo,
  settings: LoadSettings,
  client: LoadClient,
  jobs: Map<Provider, PreparedJob[]>,
  throttle: boolean,
): Promise<{ results: Map<Provider, BatchResult>; wallMs: number; faults: LoadResult['faults'] }> {
  if (throttle) {
    for (const path of FAULT_PATHS) {
      await addFault(info, {
        path,
        kind: 'status',
        status: 429,
        retryAfterSeconds: settings.retryAfterSeconds,
        every: settings.every,
      });
    }
  }
  const { variant, readAccounts } = CLIENT_SETUP[client];
  const workers = await startWorkers(info, settings, variant, readAccounts);
  const run = await runTogether(workers, jobs).finally(() => stopWorkers(workers));
  const faults = throttle ? await listFaults(info) : [];
  await clearFaults(info);
  return { ...run, faults };
}

async function prepareLoadJobs(
  info: EmulatorInfo,
  fresh: number,
  reruns: number,
): Promise<Map<Provider, PreparedJob[]>> {
  await resetEmulator(info);
  const jobs = new Map<Provider, PreparedJob[]>();
  for (const provider of TARGET_PROVIDERS)
    jobs.set(provider, withReruns(await prepareJobs(info, provider, fresh), reruns));
  return jobs;
}

function clientRun(result: BatchResult): ClientRun {
  return {
    seconds: result.wallMs / 1000,
    failedFlows: result.failed,
    errors: result.errors,
    requests: result.requests,
    throttled: result.throttled,
    peakRssBytes: result.maxRssBytes,
  };
}

const CLIENT_LABEL: Record<LoadClient, string> = {
  floor: 'floor client (node:http, 3 calls)',
  floorFourCalls: 'floor client (node:http, 4 calls)',
  achbridge: 'achbridge',
};

function describePhase(client: LoadClient, results: Map<Provider, BatchResult>, wallMs: number): string {
  return (
    `  ${CLIENT_LABEL[client]}, with 429s: ${(wallMs / 1000).toFixed(2)} s; ` +
    TARGET_PROVIDERS.map((provider) => {
      const result = results.get(provider) as BatchResult;
      return `${provider} ${result.throttled} × 429 in ${result.requests} calls, ${result.failed} failed`;
    }).join('; ')
  );
}

function sumDuplicates(counts: readonly DuplicateCount[]): DuplicateCount {
  return counts.reduce(
    (sum, count) => ({
      resources: sum.resources + count.resources,
      pairs: sum.pairs + count.pairs,
      duplicates: sum.duplicates + count.duplicates,
    }),
    { resources: 0, pairs: 0, duplicates: 0 },
  );
}

function medianRatio(values: readonly (number | null)[]): {
  median: number | null;
  spread: { min: number; max: number } | null;
} {
  const known = values.filter((value): value is number => value !== null);
  if (known.length !== values.length || known.length === 0) return { median: null, spread: null };
  return { median: median(known), spread: range(known) };
}

/**
 * Starts `flows` link flows at once, half Stripe and half Dwolla, each provider's in its own client
 * process with its library's default transport: achbridge with no fault (for scale); then, with the
 * emulator answering every k-th provider call with 429 + Retry-After while a share of the flows re-run
 * another flow's link concurrently, `rounds` rounds of three clients one after the other (order rotated),
 * each on freshly reset emulator state: the 3-call floor client (raw node:http, honours Retry-After), the
 * 4-call floor client (the same plus the accounts read beside the token mint) and achbridge. Reports
 * achbridge's time against each floor's per round and the duplicates achbridge left (must be 0).
 */
export async function measureRateLimitedLoad(
  info: EmulatorInfo,
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<LoadResult> {
  const perProvider = Math.floor(settings.flows / TARGET_PROVIDERS.length);
  const reruns = Math.round(perProvider * settings.rerunShare);
  const fresh = perProvider - reruns;

  const baseline = await runPhase(
    info,
    settings,
    'achbridge',
    await prepareLoadJobs(info, perProvider, 0),
    false,
  );
  for (const [provider, result] of baseline.results) {
    if (result.failed > 0) {
      throw new Error(
        `${provider} unthrottled load: ${result.failed} flows failed: ${result.errors.join(' | ')}`,
      );
    }
  }
  log(`  achbridge, no 429s: ${settings.flows} flows in ${(baseline.wallMs / 1000).toFixed(2)} s`);

  const runs = new Map<LoadClient, Map<Provider, ClientRun>[]>(LOAD_CLIENTS.map((client) => [client, []]));
  const duplicates = new Map<Provider, DuplicateCount[]>(TARGET_PROVIDERS.map((provider) => [provider, []]));
  const rounds: LoadRound[] = [];
  let faults: LoadResult['faults'] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = LOAD_CLIENTS.map(
      (_, index) => LOAD_CLIENTS[(index + round) % LOAD_CLIENTS.length] as LoadClient,
    );
    const seconds = {} as Record<LoadClient, number>;
    for (const client of order) {
      const phase = await runPhase(info, settings, client, await prepareLoadJobs(info, fresh, reruns), true);
      log(`  round ${round + 1}: ${describePhase(client, phase.results, phase.wallMs).trimStart()}`);
      seconds[client] = phase.wallMs / 1000;
      runs
        .get(client)
        ?.push(
          new Map(
            TARGET_PROVIDERS.map((provider) => [
              provider,
              clientRun(phase.results.get(provider) as BatchResult),
            ]),
          ),
        );
      if (client === 'achbridge') {
        faults = phase.faults;
        for (const provider of TARGET_PROVIDERS)
          duplicates.get(provider)?.push(await countDuplicates(info, provider));
      }
    }
    rounds.push({
      order,
      seconds,
      ratioToFloor: ratio(seconds.achbridge, seconds.floor),
      ratioToFourCallFloor: ratio(seconds.achbridge, seconds.floorFourCalls),
    });
  }

  const perRound = (client: LoadClient, provider: Provider): ClientRun[] =>
    (runs.get(client) ?? []).map((byProvider) => byProvider.get(provider) as ClientRun);
  const providers: ProviderLoad[] = TARGET_PROVIDERS.map((provider) => ({
    provider,
    flows: perProvider,
    freshFlows: fresh,
    rerunFlows: reruns,
    achbridge: perRound('achbridge', provider),
    floor: perRound('floor', provider),
    floorFourCalls: perRound('floorFourCalls', provider),
    unthrottledSeconds: (baseline.results.get(provider) as BatchResult).wallMs / 1000,
    duplicates: sumDuplicates(duplicates.get(provider) ?? []),
    expectedResources: fresh * settings.rounds,
  }));
  const toFloor = medianRatio(rounds.map((entry) => entry.ratioToFloor));
  const toFourCalls = medianRatio(rounds.map((entry) => entry.ratioToFourCallFloor));
  const medianSeconds = (client: LoadClient): number => median(rounds.map((entry) => entry.seconds[client]));
  const result: LoadResult = {
    settings,
    providers,
    faults,
    rounds,
    floorSeconds: medianSeconds('floor'),
    floorFourCallsSeconds: medianSeconds('floorFourCalls'),
    totalSeconds: medianSeconds('achbridge'),
    ratioToFloor: toFloor.median,
    ratioToFloorSpread: toFloor.spread,
    ratioToFourCallFloor: toFourCalls.median,
    ratioToFourCallFloorSpread: toFourCalls.spread,
    unthrottledSeconds: baseline.wallMs / 1000,
  };
  log(
    `  achbridge ÷ 3-call floor ${result.ratioToFloor?.toFixed(2)}×, ÷ 4-call floor ${result.ratioToFourCallFloor?.toFixed(2)}× (median of ${settings.rounds} rounds); ` +
      providers.map((entry) => `${entry.provider} ${entry.duplicates.duplicates} duplicates`).join(', '),
  );
  return result;
}

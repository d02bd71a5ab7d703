import { type Provider, TARGET_PROVIDERS, type Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { ratio } from '../lib/stats.js';
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

/** One provider's share of the load. */
export interface ProviderLoad {
  provider: Provider;
  flows: number;
  freshFlows: number;
  rerunFlows: number;
  /** achbridge under 429s. */
  achbridge: ClientRun;
  /** The floor client (raw node:http, 3 calls, honours Retry-After) under the same 429s, same run. */
  floor: ClientRun;
  /** achbridge, the same number of fresh flows, no fault (for scale). */
  unthrottledSeconds: number;
  duplicates: DuplicateCount;
  /** Resources there must be: one per fresh flow (re-runs must find, not create). */
  expectedResources: number;
}

/** The whole rate-limited load run. */
export interface LoadResult {
  settings: LoadSettings;
  providers: ProviderLoad[];
  /** The emulator's fault counters of the achbridge phase. */
  faults: { path: string; matched: number; applied: number }[];
  /** The floor client's flows, all of them (both providers side by side), under the same faults. */
  floorSeconds: number;
  /** achbridge's flows, until the last flow of either provider finished. */
  totalSeconds: number;
  /** totalSeconds / floorSeconds. */
  ratioToFloor: number | null;
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
): Promise<Map<Provider, FlowWorker>> {
  const workers = await Promise.all(
    TARGET_PROVIDERS.map((provider) =>
      startFlowWorker({
        provider,
        variant,
        info,
        maxRetries: settings.maxRetries,
        maxSockets: settings.maxSockets,
      }),
    ),
  );
  return new Map(workers.map((worker) => [worker.provider, worker]));
}

async function stopWorkers(workers: Map<Provider, FlowWorker>): Promise<void> {
  await Promise.all([...workers.values()].map((worker) => worker.stop()));
}

/** Runs prepared jobs in fresh client processes of `variant`, both providers at once, with or without 429s. */
async function runPhase(
  info: EmulatorInfo,
  settings: LoadSettings,
  variant: Variant,
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
  const workers = await startWorkers(info, settings, variant);
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

/**
 * Starts `flows` link flows at once, half Stripe and half Dwolla, each provider's in its own client
 * process with its library's default transport: achbridge with no fault (for scale); then, with the
 * emulator answering every k-th provider call with 429 + Retry-After while a share of the flows re-run
 * another flow's link concurrently, the floor client (raw node:http, the 3 necessary calls, honours
 * Retry-After) and achbridge, one after the other on freshly reset emulator state. Reports achbridge's time
 * against the floor's and the duplicates achbridge left in the emulator (must be 0).
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

  const floor = await runPhase(info, settings, 'http', await prepareLoadJobs(info, fresh, reruns), true);
  log(
    `  floor client (node:http, 3 calls), with 429s: ${(floor.wallMs / 1000).toFixed(2)} s; ` +
      TARGET_PROVIDERS.map((provider) => {
        const result = floor.results.get(provider) as BatchResult;
        return `${provider} ${result.throttled} × 429 in ${result.requests} calls, ${result.failed} failed`;
      }).join('; '),
  );

  const jobs = await prepareLoadJobs(info, fresh, reruns);
  const throttled = await runPhase(info, settings, 'achbridge', jobs, true);

  const providers: ProviderLoad[] = [];
  for (const provider of TARGET_PROVIDERS) {
    providers.push({
      provider,
      flows: jobs.get(provider)?.length ?? 0,
      freshFlows: fresh,
      rerunFlows: reruns,
      achbridge: clientRun(throttled.results.get(provider) as BatchResult),
      floor: clientRun(floor.results.get(provider) as BatchResult),
      unthrottledSeconds: (baseline.results.get(provider) as BatchResult).wallMs / 1000,
      duplicates: await countDuplicates(info, provider),
      expectedResources: fresh,
    });
  }
  const totalSeconds = throttled.wallMs / 1000;
  const floorSeconds = floor.wallMs / 1000;
  log(
    `  achbridge, with 429s: ${totalSeconds.toFixed(2)} s (floor client ${floorSeconds.toFixed(2)} s); ` +
      providers
        .map(
          (entry) =>
            `${entry.provider} ${entry.achbridge.throttled} × 429 in ${entry.achbridge.requests} calls, ${entry.achbridge.failedFlows} failed, ${entry.duplicates.duplicates} duplicates`,
        )
        .join('; '),
  );
  return {
    settings,
    providers,
    faults: throttled.faults,
    floorSeconds,
    totalSeconds,
    ratioToFloor: ratio(totalSeconds, floorSeconds),
    unthrottledSeconds: baseline.wallMs / 1000,
  };
}

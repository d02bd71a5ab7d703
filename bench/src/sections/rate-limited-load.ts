import { PROVIDERS, type Provider } from '../flows/flow-types.js';
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

/** One provider's share of the load. */
export interface ProviderLoad {
  provider: Provider;
  flows: number;
  freshFlows: number;
  rerunFlows: number;
  failedFlows: number;
  errors: string[];
  /** 429s answered to this provider's flows, and the most any single flow got. */
  throttled: { total: number; flowsThrottled: number; maxPerFlow: number };
  totalSeconds: number;
  unthrottledSeconds: number;
  duplicates: DuplicateCount;
  /** Resources there must be: one per fresh flow (re-runs must find, not create). */
  expectedResources: number;
  /** Peak RSS of this provider's client process. */
  peakRssBytes: number;
}

/** The whole rate-limited load run. */
export interface LoadResult {
  settings: LoadSettings;
  providers: ProviderLoad[];
  faults: { path: string; matched: number; applied: number }[];
  /** The least time any correct client needs: Retry-After × the most 429s on one flow. */
  floorSeconds: number;
  /** Until the last flow of either provider finished. */
  totalSeconds: number;
  /** totalSeconds / floorSeconds. */
  ratioToFloor: number | null;
  /** The same flows with no fault injected, for scale. */
  unthrottledSeconds: number;
  /** totalSeconds / (floorSeconds + unthrottledSeconds): waiting and working done strictly one after the other. */
  ratioToFloorPlusUnthrottled: number | null;
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
    PROVIDERS.map(async (provider) => {
      const list = jobs.get(provider) ?? [];
      const result = await (workers.get(provider) as FlowWorker).run(
        list.map(toFlowJob),
        Math.max(1, list.length),
      );
      return [provider, result] as const;
    }),
  );
  return { results: new Map(settled), wallMs: performance.now() - started };
}

async function startWorkers(info: EmulatorInfo, settings: LoadSettings): Promise<Map<Provider, FlowWorker>> {
  const workers = await Promise.all(
    PROVIDERS.map((provider) =>
      startFlowWorker({
        provider,
        variant: 'achbridge',
        info,
        countThrottled: true,
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

/**
 * Starts `flows` achbridge link flows at once, half Stripe and half Dwolla, each provider's in its own
 * client process, first with no fault (for scale), then with the emulator answering every k-th provider
 * call with 429 + Retry-After while a share of the flows re-run another flow's link concurrently. Reports
 * the duplicates left in the emulator (must be 0), total time against the Retry-After floor and peak RSS.
 */
export async function measureRateLimitedLoad(
  info: EmulatorInfo,
  settings: LoadSettings,
  log: (line: string) => void,
): Promise<LoadResult> {
  const perProvider = Math.floor(settings.flows / PROVIDERS.length);
  const reruns = Math.round(perProvider * settings.rerunShare);
  const fresh = perProvider - reruns;

  await resetEmulator(info);
  const baselineJobs = new Map<Provider, PreparedJob[]>();
  for (const provider of PROVIDERS)
    baselineJobs.set(provider, await prepareJobs(info, provider, perProvider));
  const baselineWorkers = await startWorkers(info, settings);
  const baseline = await runTogether(baselineWorkers, baselineJobs).finally(() =>
    stopWorkers(baselineWorkers),
  );
  for (const [provider, result] of baseline.results) {
    if (result.failed > 0) {
      throw new Error(
        `${provider} unthrottled load: ${result.failed} flows failed: ${result.errors.join(' | ')}`,
      );
    }
  }
  log(`  unthrottled: ${settings.flows} flows in ${(baseline.wallMs / 1000).toFixed(2)} s`);

  await resetEmulator(info);
  const jobs = new Map<Provider, PreparedJob[]>();
  for (const provider of PROVIDERS)
    jobs.set(provider, withReruns(await prepareJobs(info, provider, fresh), reruns));
  for (const path of FAULT_PATHS) {
    await addFault(info, {
      path,
      kind: 'status',
      status: 429,
      retryAfterSeconds: settings.retryAfterSeconds,
      every: settings.every,
    });
  }
  const workers = await startWorkers(info, settings);
  const throttled = await runTogether(workers, jobs).finally(() => stopWorkers(workers));
  const faults = await listFaults(info);
  await clearFaults(info);

  const providers: ProviderLoad[] = [];
  for (const provider of PROVIDERS) {
    const result = throttled.results.get(provider) as BatchResult;
    const unthrottled = baseline.results.get(provider) as BatchResult;
    const total = result.throttled.reduce((sum, count) => sum + count, 0);
    providers.push({
      provider,
      flows: jobs.get(provider)?.length ?? 0,
      freshFlows: fresh,
      rerunFlows: reruns,
      failedFlows: result.failed,
      errors: result.errors,
      throttled: {
        total,
        flowsThrottled: result.throttled.filter((count) => count > 0).length,
        maxPerFlow: Math.max(0, ...result.throttled),
      },
      totalSeconds: result.wallMs / 1000,
      unthrottledSeconds: unthrottled.wallMs / 1000,
      duplicates: await countDuplicates(info, provider),
      expectedResources: fresh,
      peakRssBytes: result.maxRssBytes,
    });
  }
  const maxPerFlow = Math.max(0, ...providers.map((entry) => entry.throttled.maxPerFlow));
  const floorSeconds = settings.retryAfterSeconds * maxPerFlow;
  const totalSeconds = throttled.wallMs / 1000;
  log(
    `  with 429s: ${settings.flows} flows in ${totalSeconds.toFixed(2)} s (floor ${floorSeconds} s); ` +
      providers
        .map(
          (entry) =>
            `${entry.provider} ${entry.throttled.total} × 429, ${entry.failedFlows} failed, ${entry.duplicates.duplicates} duplicates`,
        )
        .join('; '),
  );
  return {
    settings,
    providers,
    faults,
    floorSeconds,
    totalSeconds,
    ratioToFloor: ratio(totalSeconds, floorSeconds),
    unthrottledSeconds: baseline.wallMs / 1000,
    ratioToFloorPlusUnthrottled: ratio(totalSeconds, floorSeconds + baseline.wallMs / 1000),
  };
}

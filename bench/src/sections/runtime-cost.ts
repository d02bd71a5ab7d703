import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Provider, Variant } from '../flows/flow-types.js';
import type { EmulatorInfo } from '../lib/emulator-info.js';
import { rotationForRound } from '../lib/interleave.js';
import { median, ratio } from '../lib/stats.js';
import { RUNTIMES, type Runtime, runtimeCommand, runtimeEnvironment } from '../runtimes/runtime-commands.js';
import { type RuntimeWorker, startRuntimeWorker } from '../runtimes/runtime-worker-handle.js';
import { prepareJobs, toFlowJob } from './flow-jobs.js';

/** How much work the runtime section does per runtime and provider. */
export interface RuntimeSettings {
  rounds: number;
  sequentialFlows: number;
  concurrentFlows: number;
  concurrency: number;
  warmupFlows: number;
  /** Fresh processes per cold-start case and runtime. */
  coldStartRuns: number;
}

/** Client CPU per fresh link in one runtime: achbridge and the same runtime's raw fetch floor, per round. */
export interface RuntimeFlowCost {
  runtime: Runtime;
  version: string;
  provider: Provider;
  /** CPU µs per flow, one sample per round, per variant and mode. */
  cpuMicrosPerFlow: Record<'achbridge' | 'fetch', { sequential: number[]; concurrent: number[] }>;
  /** achbridge ÷ raw fetch per round (both measured in the same round). */
  ratios: { sequential: number[]; concurrent: number[] };
}

/** One cold-start case in one runtime. */
export interface RuntimeColdStartCase {
  id: 'bare' | 'achbridge-stripe' | 'achbridge-dwolla';
  /** Spawn to exit, ms, one per run. */
  wallMs: number[];
  /** Process CPU (user + system), ms, one per run (from /usr/bin/time; empty without it). */
  cpuMs: number[];
}

/** Cold start of one runtime. */
export interface RuntimeColdStart {
  runtime: Runtime;
  cases: RuntimeColdStartCase[];
}

/** The whole runtime section. */
export interface RuntimeResult {
  settings: RuntimeSettings;
  flows: RuntimeFlowCost[];
  coldStart: RuntimeColdStart[];
  /** Runtimes whose binary was not installed (skipped). */
  missing: Runtime[];
}

const VARIANTS = ['achbridge', 'fetch'] as const satisfies readonly Variant[];
const PROVIDERS = ['stripe', 'dwolla'] as const satisfies readonly Provider[];
const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPTS: Record<RuntimeColdStartCase['id'], string> = {
  bare: fileURLToPath(new URL('../runtimes/import-nothing.js', import.meta.url)),
  'achbridge-stripe': fileURLToPath(new URL('../runtimes/import-achbridge-stripe.js', import.meta.url)),
  'achbridge-dwolla': fileURLToPath(new URL('../runtimes/import-achbridge-dwolla.js', import.meta.url)),
};
const TIME = '/usr/bin/time';

async function measureFlows(
  info: EmulatorInfo,
  runtime: Runtime,
  provider: Provider,
  settings: RuntimeSettings,
): Promise<RuntimeFlowCost | undefined> {
  const perVariant =
    settings.warmupFlows + settings.rounds * (settings.sequentialFlows + settings.concurrentFlows);
  const jobs = (await prepareJobs(info, provider, perVariant * VARIANTS.length)).map(toFlowJob);
  let next = 0;
  const take = (count: number) => {
    next += count;
    return jobs.slice(next - count, next);
  };
  const workers = new Map<(typeof VARIANTS)[number], RuntimeWorker>();
  try {
    for (const variant of VARIANTS) {
      const worker = await startRuntimeWorker(runtime, provider, variant, info);
      if (!worker) return undefined;
      workers.set(variant, worker);
    }
    const cpu = {
      achbridge: { sequential: [] as number[], concurrent: [] as number[] },
      fetch: { sequential: [] as number[], concurrent: [] as number[] },
    };
    const batch = async (variant: (typeof VARIANTS)[number], flows: number, concurrency: number) => {
      const result = await (workers.get(variant) as RuntimeWorker).run(take(flows), concurrency);
      if (result.created !== flows)
        throw new Error(
          `${runtime} ${provider}/${variant}: ${flows - result.created} of ${flows} flows failed: ${result.errors.join(' | ')}`,
        );
      return result.cpuMicros / flows;
    };
    for (const variant of VARIANTS)
      await batch(variant, settings.warmupFlows, Math.min(settings.concurrency, settings.warmupFlows));
    for (let round = 0; round < settings.rounds; round++) {
      const order = rotationForRound(VARIANTS, round);
      for (const variant of order)
        cpu[variant].sequential.push(await batch(variant, settings.sequentialFlows, 1));
      for (const variant of order)
        cpu[variant].concurrent.push(await batch(variant, settings.concurrentFlows, settings.concurrency));
    }
    const perRound = (mode: 'sequential' | 'concurrent') =>
      cpu.achbridge[mode].map(
        (value, round) => ratio(value, cpu.fetch[mode][round] ?? Number.NaN) ?? Number.NaN,
      );
    return {
      runtime,
      version: (workers.get('achbridge') as RuntimeWorker).version,
      provider,
      cpuMicrosPerFlow: cpu,
      ratios: { sequential: perRound('sequential'), concurrent: perRound('concurrent') },
    };
  } finally {
    await Promise.all([...workers.values()].map((worker) => worker.stop()));
  }
}

function timeOnce(
  runtime: Runtime,
  id: RuntimeColdStartCase['id'],
): { wallMs: number; cpuMs: number | null } {
  const command = runtimeCommand(runtime, SCRIPTS[id]);
  if (!command) throw new Error(`${runtime} is not installed`);
  const timed = existsSync(TIME);
  const started = performance.now();
  const result = timed
    ? spawnSync(TIME, ['-f', 'RUNTIME_CPU %U %S', command.command, ...command.args], {
        cwd: BENCH_DIR,
        env: runtimeEnvironment(),
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawnSync(command.command, command.args, {
        cwd: BENCH_DIR,
        env: runtimeEnvironment(),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
  const wallMs = performance.now() - started;
  const stderr = result.stderr?.toString() ?? '';
  if (result.status !== 0)
    throw new Error(`${runtime} ${id} failed (${result.status}): ${stderr.slice(-1000)}`);
  const cpu = /RUNTIME_CPU ([\d.]+) ([\d.]+)/.exec(stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

function measureColdStart(runtime: Runtime, runs: number): RuntimeColdStart {
  const ids = Object.keys(SCRIPTS) as RuntimeColdStartCase['id'][];
  const cases = new Map(ids.map((id) => [id, { id, wallMs: [] as number[], cpuMs: [] as number[] }]));
  for (const id of ids) timeOnce(runtime, id);
  for (let run = 0; run < runs; run++) {
    for (const id of rotationForRound(ids, run)) {
      const sample = timeOnce(runtime, id);
      const entry = cases.get(id) as RuntimeColdStartCase;
      entry.wallMs.push(sample.wallMs);
      if (sample.cpuMs !== null) entry.cpuMs.push(sample.cpuMs);
    }
  }
  return { runtime, cases: [...cases.values()] };
}

/**
 * Client CPU per fresh link (achbridge and the same runtime's raw fetch floor, each in its own process,
 * rounds rotated) and cold start (the runtime alone, and importing core + an adapter) in Node, Bun and
 * Deno. Bun and Deno run the packages' fetch builds (their `bun` / `deno` export conditions); Node runs its
 * default node:http transport. A runtime whose binary is not installed is listed as missing.
 */
export async function measureRuntimes(
  info: EmulatorInfo,
  settings: RuntimeSettings,
  log: (line: string) => void,
): Promise<RuntimeResult> {
  const result: RuntimeResult = { settings, flows: [], coldStart: [], missing: [] };
  for (const runtime of RUNTIMES) {
    if (!runtimeCommand(runtime, SCRIPTS.bare)) {
      result.missing.push(runtime);
      log(`  ${runtime}: not installed (npm ci installs it with tests/runtimes); skipped`);
      continue;
    }
    for (const provider of PROVIDERS) {
      const cost = await measureFlows(info, runtime, provider, settings);
      if (!cost) continue;
      result.flows.push(cost);
      log(
        `  ${cost.version} ${provider}: achbridge ÷ raw fetch ${median(cost.ratios.sequential).toFixed(2)}× seq, ${median(cost.ratios.concurrent).toFixed(2)}× c${settings.concurrency}`,
      );
    }
    result.coldStart.push(measureColdStart(runtime, settings.coldStartRuns));
  }
  return result;
}

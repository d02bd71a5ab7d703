import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { rotationForRound } from '../lib/interleave.js';
import { median, range } from '../lib/stats.js';

/** One kind of fresh `node` process: what it loads. */
export interface ColdStartCase {
  id: string;
  label: string;
  /** Arguments after `node`. */
  args: string[];
}

/** The processes compared: bare node, achbridge imports, and the official SDKs required. */
export const COLD_START_CASES: readonly ColdStartCase[] = [
  { id: 'node', label: 'node (nothing loaded)', args: ['-e', ''] },
  {
    id: 'zod',
    label: "import 'zod' (achbridge's one dependency)",
    args: ['--input-type=module', '-e', "import 'zod';"],
  },
  {
    id: 'achbridge-dwolla',
    label: "import '@achbridge/core' + '@achbridge/dwolla'",
    args: ['--input-type=module', '-e', "import '@achbridge/core'; import '@achbridge/dwolla';"],
  },
  {
    id: 'sdk-dwolla',
    label: "require('plaid') + require('dwolla-v2')",
    args: ['-e', "require('plaid'); require('dwolla-v2');"],
  },
  {
    id: 'achbridge-stripe',
    label: "import '@achbridge/core' + '@achbridge/stripe' (stripe SDK loads at first call)",
    args: ['--input-type=module', '-e', "import '@achbridge/core'; import '@achbridge/stripe';"],
  },
  {
    id: 'sdk-stripe',
    label: "require('plaid') + require('stripe')",
    args: ['-e', "require('plaid'); require('stripe');"],
  },
  {
    id: 'achbridge-modern-treasury',
    label: "import '@achbridge/core' + '@achbridge/modern-treasury'",
    args: ['--input-type=module', '-e', "import '@achbridge/core'; import '@achbridge/modern-treasury';"],
  },
  {
    id: 'sdk-modern-treasury',
    label: "require('plaid') + require('modern-treasury')",
    args: ['-e', "require('plaid'); require('modern-treasury');"],
  },
];

/** One case's timings: spawn to exit, and the same net of bare `node` in the same run. */
export interface ColdStartCaseResult {
  id: string;
  label: string;
  /** Spawn to exit, one sample per run. */
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** This case's sample minus bare node's sample of the same run: the cost of the imports. */
  netSamplesMs: number[];
  medianNetMs: number;
  /** CPU time of the process (user + system, all threads), one sample per run. */
  cpuSamplesMs: number[];
  medianCpuMs: number;
  /** Files the process loaded (ESM and CommonJS), and how many of them are zod's; from a separate, untimed run. */
  filesLoaded: { files: number; zod: number } | null;
}

/** Cold start of every case. */
export interface ColdStartResult {
  runs: number;
  cases: ColdStartCaseResult[];
}

const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));
const COUNT_LOADS = fileURLToPath(new URL('../lib/count-loads-register.js', import.meta.url));
const CPU_AT_EXIT = fileURLToPath(new URL('../lib/cpu-at-exit.js', import.meta.url));
const loadedSchema = z.object({ files: z.number().int(), zod: z.number().int() });

/** Spawn-to-exit wall time and the process's own CPU time, ms (every case preloads the same tiny CPU probe). */
export function timeProcess(args: readonly string[], cwd = BENCH_DIR): { wallMs: number; cpuMs: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', CPU_AT_EXIT, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallMs = performance.now() - started;
  const stderr = result.stderr?.toString() ?? '';
  const cpu = /^CPU (\d+)$/m.exec(stderr);
  if (result.status !== 0 || !cpu) throw new Error(`node ${args.join(' ')} failed: ${stderr}`);
  return { wallMs, cpuMs: Number(cpu[1]) / 1000 };
}

/** Runs the case once with a loader hook that counts the files it loads (not timed). */
export function countLoadedFiles(args: readonly string[]): { files: number; zod: number } | null {
  const result = spawnSync(process.execPath, ['--import', COUNT_LOADS, ...args], {
    cwd: BENCH_DIR,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const line = result.stderr
    ?.toString()
    .split('\n')
    .find((entry) => entry.startsWith('LOADED '));
  if (result.status !== 0 || line === undefined) return null;
  return loadedSchema.parse(JSON.parse(line.slice('LOADED '.length)));
}

/**
 * Times `runs` fresh node processes per case (spawn to exit, resolved from the bench workspace like an
 * installed app), rotating the case order every run so noise hits all cases alike; each case's net time
 * subtracts bare node's sample of the same run.
 */
export function measureColdStart(runs: number): ColdStartResult {
  const samples = new Map<string, number[]>(COLD_START_CASES.map((entry) => [entry.id, []]));
  const cpuSamples = new Map<string, number[]>(COLD_START_CASES.map((entry) => [entry.id, []]));
  for (const entry of COLD_START_CASES) timeProcess(entry.args);
  for (let run = 0; run < runs; run++) {
    for (const entry of rotationForRound(COLD_START_CASES, run)) {
      const timed = timeProcess(entry.args);
      samples.get(entry.id)?.push(timed.wallMs);
      cpuSamples.get(entry.id)?.push(timed.cpuMs);
    }
  }
  const bare = samples.get('node') ?? [];
  return {
    runs,
    cases: COLD_START_CASES.map((entry) => {
      const list = samples.get(entry.id) ?? [];
      const net = list.map((value, run) => value - (bare[run] ?? 0));
      const spread = range(list);
      return {
        id: entry.id,
        label: entry.label,
        samplesMs: list,
        medianMs: median(list),
        minMs: spread.min,
        maxMs: spread.max,
        netSamplesMs: net,
        medianNetMs: median(net),
        cpuSamplesMs: cpuSamples.get(entry.id) ?? [],
        medianCpuMs: median(cpuSamples.get(entry.id) ?? []),
        filesLoaded: countLoadedFiles(entry.args),
      };
    }),
  };
}

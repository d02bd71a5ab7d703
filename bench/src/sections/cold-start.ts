import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rotationForRound } from '../lib/interleave.js';
import { median } from '../lib/stats.js';

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
];

/** Median wall time of each case's fresh process. */
export interface ColdStartResult {
  runs: number;
  cases: { id: string; label: string; samplesMs: number[]; medianMs: number }[];
}

const BENCH_DIR = fileURLToPath(new URL('../../', import.meta.url));

function timeProcess(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: BENCH_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr?.toString()}`);
  return elapsed;
}

/**
 * Times `runs` fresh node processes per case (spawn to exit, resolved from the bench workspace like an
 * installed app), rotating the case order every run so noise hits all cases alike.
 */
export function measureColdStart(runs: number): ColdStartResult {
  const samples = new Map<string, number[]>(COLD_START_CASES.map((entry) => [entry.id, []]));
  for (const entry of COLD_START_CASES) timeProcess(entry.args);
  for (let run = 0; run < runs; run++) {
    for (const entry of rotationForRound(COLD_START_CASES, run)) {
      samples.get(entry.id)?.push(timeProcess(entry.args));
    }
  }
  return {
    runs,
    cases: COLD_START_CASES.map((entry) => {
      const list = samples.get(entry.id) ?? [];
      return { id: entry.id, label: entry.label, samplesMs: list, medianMs: median(list) };
    }),
  };
}

#!/usr/bin/env node
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findCheckFailures } from './check-limits.js';
import { parseCliOptions } from './cli-options.js';
import { PROVIDERS } from './flows/flow-types.js';
import { spawnEmulator } from './lib/emulator-process.js';
import type { BenchResults } from './report/bench-results.js';
import { formatReport } from './report/format-report.js';
import {
  callVerdicts,
  clientCostVerdicts,
  coldStartVerdicts,
  footprintVerdicts,
  loadVerdicts,
  storeVerdicts,
  throughputVerdicts,
} from './report/targets.js';
import { measureClientCost } from './sections/client-cost.js';
import { measureColdStart } from './sections/cold-start.js';
import { measureEmulatorThroughput } from './sections/emulator-throughput.js';
import { measureInstallFootprint } from './sections/install-footprint.js';
import { measureRateLimitedLoad } from './sections/rate-limited-load.js';
import { measureRuntimes } from './sections/runtime-cost.js';
import { measureStore } from './sections/store-section.js';

const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
const benchStarted = performance.now();
const log = (line: string): void => {
  process.stderr.write(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);
};

/** Runs the requested bench sections, prints the report, writes the JSON; non-zero exit only in check mode. */
async function main(): Promise<number> {
  const options = parseCliOptions(process.argv.slice(2));
  const started = performance.now();
  const cpuList = cpus();
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    mode: options.check
      ? 'check'
      : options.sections.length === 1 && options.sections[0] === 'throughput'
        ? 'throughput'
        : 'full',
    machine: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      loadAverage: loadavg(),
    },
    targets: [],
    durationSeconds: 0,
  };
  const wants = (section: (typeof options.sections)[number]): boolean => options.sections.includes(section);
  const needsEmulator =
    wants('client-cost') || wants('load') || wants('throughput') || wants('runtimes') || wants('store');
  const emulator = needsEmulator ? await spawnEmulator() : undefined;
  try {
    if (emulator && wants('client-cost')) {
      log('client cost per flow…');
      const settings = options.check
        ? {
            rounds: 3,
            sequentialFlows: 4,
            concurrentFlows: 16,
            concurrency: 8,
            warmupFlows: 4,
            countFlows: 2,
            variants: ['achbridge', 'sdk', 'http'] as const,
          }
        : {
            rounds: 5,
            sequentialFlows: 20,
            concurrentFlows: 128,
            concurrency: 64,
            warmupFlows: 16,
            countFlows: 5,
          };
      results.clientCost = [];
      const rounds = options.rounds ?? settings.rounds;
      for (const provider of PROVIDERS.filter((name) => options.providers?.includes(name) ?? true)) {
        results.clientCost.push(
          await measureClientCost(emulator.info, provider, { ...settings, rounds }, log),
        );
      }
      results.targets.push(...clientCostVerdicts(results.clientCost), ...callVerdicts(results.clientCost));
    }
    if (wants('cold-start')) {
      log('cold start…');
      results.coldStart = measureColdStart(11);
      results.targets.push(...coldStartVerdicts(results.coldStart));
    }
    if (wants('install')) {
      log('install footprint (npm pack + npm install into temp dirs)…');
      results.installFootprint = await measureInstallFootprint(log);
      results.targets.push(...footprintVerdicts(results.installFootprint));
    }
    if (emulator && wants('load')) {
      log('1,000 concurrent link flows under 429 + Retry-After…');
      results.rateLimitedLoad = await measureRateLimitedLoad(
        emulator.info,
        {
          flows: 1000,
          rerunShare: 0.1,
          retryAfterSeconds: 2,
          every: 10,
          maxRetries: 5,
          maxSockets: 128,
          rounds: options.rounds ?? 3,
        },
        log,
      );
      results.targets.push(...loadVerdicts(results.rateLimitedLoad));
    }
    if (emulator && wants('throughput')) {
      log('emulator throughput (autocannon)…');
      results.emulatorThroughput = await measureEmulatorThroughput(
        emulator.info,
        { connections: 32, durationSeconds: 5 },
        emulator.pid,
      );
      results.targets.push(...throughputVerdicts(results.emulatorThroughput));
    }
    if (emulator && wants('runtimes')) {
      log('client cost and cold start in Node, Bun and Deno…');
      results.runtimes = await measureRuntimes(
        emulator.info,
        {
          rounds: 5,
          sequentialFlows: 10,
          concurrentFlows: 32,
          concurrency: 16,
          warmupFlows: 8,
          coldStartRuns: 11,
        },
        log,
      );
    }
    if (emulator && wants('store')) {
      log('store: overhead per link and webhook inbox throughput…');
      results.store = await measureStore(emulator.info, log);
      results.targets.push(...storeVerdicts(results.store));
    }
  } finally {
    await emulator?.stop();
  }
  results.durationSeconds = (performance.now() - started) / 1000;
  process.stdout.write(formatReport(results));
  const out = resolve(BENCH_DIR, options.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results written to ${out}`);
  if (!options.check) return 0;
  const failures = findCheckFailures(results.clientCost ?? []);
  for (const failure of failures) log(`bench:check FAILED: ${failure}`);
  if (failures.length === 0)
    log(
      'bench:check passed (HTTP calls and round trips per fresh link as committed; no gross regression of the CPU ratios)',
    );
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const cause =
      error instanceof Error && error.cause !== undefined ? `\ncaused by: ${String(error.cause)}` : '';
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}${cause}`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
import { z } from 'zod';
import { loadFlowFactory } from '../flows/load-flow.js';
import { spawnEmulator } from '../lib/emulator-process.js';
import { mapLimit } from '../lib/map-limit.js';
import { prepareJobs, toFlowJob } from '../sections/flow-jobs.js';

// Client CPU per fresh link in steady state: one client in this process, 50 unmeasured links to warm the JIT,
// then `links` fresh links measured in one batch with process.cpuUsage() (user + system). Longer and warmer
// than the client-cost section's rounds, so it moves less with the machine; run it alternately for the
// variants or checkouts being compared. It uses only modules the bench has had since the 3-call floors, so
// a copy of the built file in an older checkout's bench/dist/experiments/ measures that checkout.
// Run from the repository root after `npm run build`:
//   node bench/dist/experiments/warm-link-cpu.js [stripe|dwolla|modern_treasury] [achbridge|sdk|fetch|http] [links] [concurrency]

const argsSchema = z.tuple([
  z.enum(['stripe', 'dwolla', 'modern_treasury']).default('dwolla'),
  z.enum(['achbridge', 'sdk', 'fetch', 'http']).default('achbridge'),
  z.coerce.number().int().min(1).max(5000).default(300),
  z.coerce.number().int().min(1).max(256).default(1),
]);
const [provider, variant, links, concurrency] = argsSchema.parse([
  process.argv[2],
  process.argv[3],
  process.argv[4],
  process.argv[5],
]);
const WARMUP = 50;

const emulator = await spawnEmulator();
try {
  const jobs = (await prepareJobs(emulator.info, provider, links + WARMUP)).map(toFlowJob);
  const flow = (await loadFlowFactory(provider, variant))(emulator.info, {});
  await mapLimit(jobs.slice(0, WARMUP), 1, (job) => flow.run(job));
  const measured = jobs.slice(WARMUP);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await mapLimit(measured, concurrency, (job) => flow.run(job));
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  const perLink = (value: number): string => (value / measured.length).toFixed(3);
  process.stdout.write(
    `${provider}/${variant}, ${measured.length} links at concurrency ${concurrency}: ${perLink((cpu.user + cpu.system) / 1000)} ms CPU per link, ${perLink(wallMs)} ms wall per link\n`,
  );
} finally {
  await emulator.stop();
}

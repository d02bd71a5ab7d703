#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
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
// With PROFILE=<file>, the measured batch (only it) is also profiled with the inspector and the profile is
// written to <file> (open it in Chrome DevTools), with its self time summed by package on stdout;
// PROFILE_INTERVAL_US sets the sampling interval (the inspector's default, 1,000 µs, gives about one sample
// per link: too coarse to split a link's few milliseconds between functions). With ALLOCATIONS=1 the
// measured batch runs under the inspector's allocation sampler instead (every 512 bytes, collected objects
// included) and the bytes allocated per link are printed: unlike CPU time, they do not move with the load.
// Run from the repository root after `npm run build`:
//   [PROFILE=out.cpuprofile] node bench/dist/experiments/warm-link-cpu.js [stripe|dwolla|modern_treasury] [achbridge|sdk|fetch|http|http4] [links] [concurrency]
// `http4` is the 4-call node:http floor (the 3-call floor plus the accounts read beside the token call, as
// achbridge's link makes it; the load section's 4-call floor client).

const argsSchema = z.tuple([
  z.enum(['stripe', 'dwolla', 'modern_treasury']).default('dwolla'),
  z.enum(['achbridge', 'sdk', 'fetch', 'http', 'http4']).default('achbridge'),
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
const profilePath = process.env['PROFILE'];
const sampleAllocations = process.env['ALLOCATIONS'] === '1';
const profileIntervalUs = z.coerce
  .number()
  .int()
  .min(10)
  .max(100_000)
  .optional()
  .parse(process.env['PROFILE_INTERVAL_US']);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : `native (${functionName || 'other'})`;
  if (url.includes('/zod/')) return 'zod';
  const achbridge = /\/packages\/([^/]+)\/|@achbridge\/([^/]+)\//.exec(url);
  if (achbridge) return `@achbridge/${achbridge[1] ?? achbridge[2]}`;
  if (url.startsWith('node:')) return 'node internals (http, streams, net)';
  const module = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return module ? (module[1] as string) : 'bench harness';
}

interface SamplingHeapProfileNode {
  selfSize: number;
  children: SamplingHeapProfileNode[];
}

/** Bytes in a sampling heap profile (the sampled allocations, each standing for its share of the total). */
function sampledBytes(node: SamplingHeapProfileNode): number {
  return node.children.reduce((total, child) => total + sampledBytes(child), node.selfSize);
}

/** Self time by package, as shares of the samples in which the thread was not idle. */
function sharesByPackage(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    busy += ms;
    const name = packageOf(frame.url, frame.functionName);
    totals.set(name, (totals.get(name) ?? 0) + ms);
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}

const emulator = await spawnEmulator();
try {
  const jobs = (await prepareJobs(emulator.info, provider, links + WARMUP)).map(toFlowJob);
  const flow = (await loadFlowFactory(provider, variant === 'http4' ? 'http' : variant))(
    emulator.info,
    variant === 'http4' ? { readAccounts: true } : {},
  );
  await mapLimit(jobs.slice(0, WARMUP), 1, (job) => flow.run(job));
  const measured = jobs.slice(WARMUP);
  const session = profilePath === undefined && !sampleAllocations ? undefined : new Session();
  if (session) session.connect();
  if (session && profilePath !== undefined) {
    await session.post('Profiler.enable');
    if (profileIntervalUs !== undefined)
      await session.post('Profiler.setSamplingInterval', { interval: profileIntervalUs });
    await session.post('Profiler.start');
  }
  if (session && sampleAllocations) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 512,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await mapLimit(measured, concurrency, (job) => flow.run(job));
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - started;
  if (session && profilePath !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
    process.stdout.write(
      `self time of the measured batch by package (profiled, so slower than unprofiled):\n${sharesByPackage(profile as CpuProfile)}\n`,
    );
  }
  if (session && sampleAllocations) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    const kib = sampledBytes(profile.head as SamplingHeapProfileNode) / 1024 / measured.length;
    process.stdout.write(`allocated (sampled): ${kib.toFixed(1)} KiB per link\n`);
  }
  session?.disconnect();
  const perLink = (value: number): string => (value / measured.length).toFixed(3);
  process.stdout.write(
    `${provider}/${variant}, ${measured.length} links at concurrency ${concurrency}: ${perLink((cpu.user + cpu.system) / 1000)} ms CPU per link (user ${perLink(cpu.user / 1000)}, system ${perLink(cpu.system / 1000)}), ${perLink(wallMs)} ms wall per link\n`,
  );
} finally {
  await emulator.stop();
}

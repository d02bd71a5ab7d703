#!/usr/bin/env node
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import { z } from 'zod';
import { loadFlowFactory } from '../flows/load-flow.js';
import { spawnEmulator } from '../lib/emulator-process.js';
import { median } from '../lib/stats.js';
import { addFault, clearFaults, resetEmulator } from '../sections/emulator-state.js';
import { type PreparedJob, prepareJobs, toFlowJob } from '../sections/flow-jobs.js';

// Where the time of the rate-limited load goes, flow by flow: one client in this process runs `flows` fresh
// links plus `reruns` re-runs at once (maxRetries 5, 128 sockets per origin, every 10th Plaid / Stripe /
// Dwolla call answered 429 + Retry-After: 2, as in the load section), and each flow's 429s are counted and
// timed through Node's diagnostics channels, attributed to the flow by AsyncLocalStorage. It prints the
// slowest flows with the moments (ms from the start) at which they got their 429s, and per number of 429s
// the flows' "residual": their time minus 2 s per 429, i.e. the time they spent not waiting out a
// Retry-After. Run it alternately for the clients being compared, from the repository root after
// `npm run build`:
//   node bench/dist/experiments/load-trace.js [stripe|dwolla] [achbridge|http|http4] [flows] [reruns] [rounds]

const argsSchema = z.tuple([
  z.enum(['stripe', 'dwolla']).default('dwolla'),
  z.enum(['achbridge', 'http', 'http4']).default('achbridge'),
  z.coerce.number().int().min(1).max(2000).default(450),
  z.coerce.number().int().min(0).max(2000).default(50),
  z.coerce.number().int().min(1).max(20).default(2),
]);
const [provider, variant, flows, reruns, rounds] = argsSchema.parse(process.argv.slice(2, 7));
const RETRY_AFTER_MS = 2000;

interface FlowTrace {
  startedAt: number;
  requests: number;
  /** Moments of this flow's 429 answers, in ms since the batch started. */
  throttledAt: number[];
  ms: number;
  failed: boolean;
}

const current = new AsyncLocalStorage<FlowTrace>();
let socketsOpened = 0;
diagnostics.subscribe('http.client.request.start', () => {
  const trace = current.getStore();
  if (trace) trace.requests += 1;
});
diagnostics.subscribe('http.client.response.finish', (message) => {
  const trace = current.getStore();
  const status = (message as { response?: { statusCode?: number } }).response?.statusCode;
  if (trace && status === 429) trace.throttledAt.push(Math.round(performance.now() - trace.startedAt));
});
diagnostics.subscribe('net.client.socket', () => {
  socketsOpened += 1;
});
http.globalAgent.maxSockets = 128;

function withReruns(jobs: PreparedJob[]): PreparedJob[] {
  return jobs.flatMap((job, index) =>
    index < reruns ? [job, { ...job, publicToken: undefined, accessToken: job.fixture.accessToken }] : [job],
  );
}

function describeRound(round: number, traces: FlowTrace[], cpuMs: number, sockets: number): string {
  const slowest = [...traces].sort((a, b) => b.ms - a.ms);
  const byThrottles = new Map<number, number[]>();
  for (const trace of traces) {
    const residuals = byThrottles.get(trace.throttledAt.length) ?? [];
    residuals.push(trace.ms - RETRY_AFTER_MS * trace.throttledAt.length);
    byThrottles.set(trace.throttledAt.length, residuals);
  }
  const sum = (pick: (trace: FlowTrace) => number): number =>
    traces.reduce((total, trace) => total + pick(trace), 0);
  return [
    `${provider}/${variant} round ${round}: ${traces.length} flows, last done ${((slowest[0]?.ms ?? 0) / 1000).toFixed(2)} s, ` +
      `client CPU ${cpuMs.toFixed(0)} ms, failed ${traces.filter((trace) => trace.failed).length}, ` +
      `requests ${sum((trace) => trace.requests)}, 429s ${sum((trace) => trace.throttledAt.length)}, sockets opened ${sockets}`,
    `  slowest: ${slowest
      .slice(0, 5)
      .map((trace) => `${(trace.ms / 1000).toFixed(2)} s with 429s at [${trace.throttledAt.join(', ')}]`)
      .join('; ')}`,
    `  residual (time minus 2 s per 429) by 429s per flow: ${[...byThrottles]
      .sort((a, b) => a[0] - b[0])
      .map(
        ([count, residuals]) =>
          `${count}: ${residuals.length} flows, median ${median(residuals).toFixed(0)} ms, max ${Math.max(...residuals).toFixed(0)} ms`,
      )
      .join('; ')}`,
  ].join('\n');
}

const emulator = await spawnEmulator();
try {
  const info = emulator.info;
  for (let round = 1; round <= rounds; round++) {
    await resetEmulator(info);
    const jobs = withReruns(await prepareJobs(info, provider, flows));
    const flow = (await loadFlowFactory(provider, variant === 'http4' ? 'http' : variant))(info, {
      maxRetries: 5,
      ...(variant === 'http4' ? { readAccounts: true } : {}),
    });
    for (const path of ['/plaid/**', '/v1/**', '/dwolla/customers/**', '/dwolla/funding-sources/**']) {
      await addFault(info, { path, kind: 'status', status: 429, retryAfterSeconds: 2, every: 10 });
    }
    const socketsBefore = socketsOpened;
    const startedAt = performance.now();
    const cpuBefore = process.cpuUsage();
    const traces = await Promise.all(
      jobs.map((job) => {
        const trace: FlowTrace = { startedAt, requests: 0, throttledAt: [], ms: 0, failed: false };
        return current.run(trace, async () => {
          try {
            await flow.run(toFlowJob(job));
          } catch {
            trace.failed = true;
          }
          trace.ms = performance.now() - startedAt;
          return trace;
        });
      }),
    );
    const cpu = process.cpuUsage(cpuBefore);
    await clearFaults(info);
    process.stdout.write(
      `${describeRound(round, traces, (cpu.user + cpu.system) / 1000, socketsOpened - socketsBefore)}\n`,
    );
  }
} finally {
  await emulator.stop();
}

import { CALLS_PER_FLOW } from '../flows/calls-per-flow.js';
import type { Variant } from '../flows/flow-types.js';
import { round } from '../lib/stats.js';
import type { ProviderCost } from '../sections/client-cost.js';
import type { ColdStartResult } from '../sections/cold-start.js';
import type { EndpointThroughput } from '../sections/emulator-throughput.js';
import type { FootprintResult } from '../sections/install-footprint.js';
import type { LoadResult } from '../sections/rate-limited-load.js';
import type { BenchResults, TargetVerdict } from './bench-results.js';
import { formatTable } from './format-table.js';

const VARIANT_LABEL: Record<Variant, string> = { achbridge: 'achbridge', sdk: 'SDK glue', raw: 'raw fetch' };

const ms = (micros: number): string => `${(micros / 1000).toFixed(2)} ms`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** ✓ / ✗ / ? for a verdict. */
export function mark(verdict: TargetVerdict): string {
  if (verdict.pass === null) return '?';
  return verdict.pass ? '✓' : '✗';
}

function formatValue(verdict: TargetVerdict): string {
  if (verdict.value === null) return 'n/a';
  return verdict.unit === '×' ? `${round(verdict.value, 2)}×` : `${Math.round(verdict.value)}${verdict.unit}`;
}

function clientCostSection(costs: readonly ProviderCost[]): string {
  return costs
    .map((cost) => {
      const { settings } = cost;
      const rows = cost.variants.map((entry) => [
        VARIANT_LABEL[entry.variant],
        ms(entry.sequential.medianCpuMicrosPerFlow),
        ms(entry.concurrent.medianCpuMicrosPerFlow),
        `${entry.sequential.medianWallMsPerFlow.toFixed(2)} ms`,
        `${Math.round(entry.concurrent.medianFlowsPerSecond)}`,
        CALLS_PER_FLOW[cost.provider][entry.variant],
      ]);
      const title =
        cost.provider === 'stripe'
          ? 'Stripe: exchange → btok → attach to a fresh customer'
          : 'Dwolla: exchange → processor token → funding source on a fresh customer';
      return `${title}\n(median of ${settings.rounds} rounds, ${settings.sequentialFlows} sequential + ${settings.concurrentFlows} flows at concurrency ${settings.concurrency} per variant per round)\n${formatTable(
        [
          'variant',
          'CPU/flow seq',
          `CPU/flow c${settings.concurrency}`,
          'wall/flow seq',
          `flows/s c${settings.concurrency}`,
          'HTTP calls per flow',
        ],
        rows,
      )}`;
    })
    .join('\n\n');
}

function coldStartSection(result: ColdStartResult): string {
  return `median of ${result.runs} fresh processes each (spawn to exit)\n${formatTable(
    ['process', 'median'],
    result.cases.map((entry) => [entry.label, `${entry.medianMs.toFixed(1)} ms`]),
  )}`;
}

function footprintSection(result: FootprintResult): string {
  if (result.status === 'unavailable') return `not measured: ${result.reason}`;
  return formatTable(
    ['fresh project with', 'node_modules', 'packages', 'largest'],
    result.entries.map((entry) => [
      entry.label,
      mib(entry.bytes),
      String(entry.packages),
      entry.largest
        .slice(0, 3)
        .map((item) => `${item.name} ${mib(item.bytes)}`)
        .join(', '),
    ]),
  );
}

function loadSection(result: LoadResult): string {
  const { settings } = result;
  const table = formatTable(
    ['provider', 'flows', 'failed', '429s', 'max 429s/flow', 'time', 'unthrottled', 'duplicates', 'peak RSS'],
    result.providers.map((entry) => [
      entry.provider,
      `${entry.flows} (${entry.rerunFlows} re-runs)`,
      String(entry.failedFlows),
      String(entry.throttled.total),
      String(entry.throttled.maxPerFlow),
      `${entry.totalSeconds.toFixed(2)} s`,
      `${entry.unthrottledSeconds.toFixed(2)} s`,
      `${entry.duplicates.duplicates} of ${entry.duplicates.resources}`,
      mib(entry.peakRssBytes),
    ]),
  );
  return (
    `${settings.flows} flows at once (Stripe and Dwolla side by side), every ${settings.every}th provider call answered ` +
    `429 + Retry-After: ${settings.retryAfterSeconds} s; achbridge clients with maxRetries ${settings.maxRetries}, ${settings.maxSockets} sockets per origin\n${table}\n` +
    `all flows: ${result.totalSeconds.toFixed(2)} s = ${result.ratioToFloor?.toFixed(2)}× the Retry-After floor of ${result.floorSeconds.toFixed(1)} s ` +
    `(most 429s on one flow × Retry-After); the same flows without 429s took ${result.unthrottledSeconds.toFixed(2)} s, ` +
    `so total ÷ (floor + unthrottled) = ${result.ratioToFloorPlusUnthrottled?.toFixed(2)}×`
  );
}

function throughputSection(results: readonly EndpointThroughput[]): string {
  return formatTable(
    ['endpoint', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'connections'],
    results.map((entry) => [
      entry.label,
      String(Math.round(entry.requestsPerSecond)),
      `${entry.latencyMs.p50} ms`,
      `${entry.latencyMs.p99} ms`,
      String(entry.non2xx),
      String(entry.errors),
      String(entry.connections),
    ]),
  );
}

/** The targets with measured value, bound and pass/fail mark. */
export function formatTargets(targets: readonly TargetVerdict[]): string {
  return formatTable(
    ['target', 'measured', 'goal', ''],
    targets.map((verdict) => [
      verdict.label,
      formatValue(verdict),
      `${verdict.comparison === '==' ? '=' : verdict.comparison === '<=' ? '≤' : '≥'} ${verdict.target}${verdict.unit === '×' ? '×' : verdict.unit}`,
      mark(verdict),
    ]),
  );
}

/** The whole printed report. */
export function formatReport(results: BenchResults): string {
  const { machine } = results;
  const parts = [
    `achbridge benchmarks (${results.mode}) — Node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverage.map((value) => value.toFixed(2)).join(' ')}`,
  ];
  if (results.clientCost)
    parts.push(
      `## 1. Client cost per full flow (client process CPU; emulator in its own process)\n\n${clientCostSection(results.clientCost)}`,
    );
  if (results.coldStart) parts.push(`## 2. Cold start\n\n${coldStartSection(results.coldStart)}`);
  if (results.installFootprint)
    parts.push(
      `## 3. Install footprint (npm install into fresh projects)\n\n${footprintSection(results.installFootprint)}`,
    );
  if (results.rateLimitedLoad)
    parts.push(
      `## 4. Concurrent link flows under 429 + Retry-After (achbridge)\n\n${loadSection(results.rateLimitedLoad)}`,
    );
  if (results.emulatorThroughput)
    parts.push(
      `## 5. Emulator throughput on loopback (autocannon)\n\n${throughputSection(results.emulatorThroughput)}`,
    );
  parts.push(`## Targets\n\n${formatTargets(results.targets)}`);
  parts.push(`took ${results.durationSeconds.toFixed(0)} s`);
  return `${parts.join('\n\n')}\n`;
}

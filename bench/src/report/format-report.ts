import { EXPECTED_CALLS, EXPECTED_ROUND_TRIPS, NECESSARY_CALL_NAMES } from '../flows/calls-per-flow.js';
import { type Provider, VARIANT_LABEL } from '../flows/flow-types.js';
import { median } from '../lib/stats.js';
import type { ProviderCost } from '../sections/client-cost.js';
import type { ColdStartResult } from '../sections/cold-start.js';
import type { EndpointThroughput } from '../sections/emulator-throughput.js';
import type { FootprintResult } from '../sections/install-footprint.js';
import type { ClientRun, LoadResult } from '../sections/rate-limited-load.js';
import type { RuntimeResult } from '../sections/runtime-cost.js';
import type { StoreBenchResult } from '../sections/store-section.js';
import type { BenchResults, TargetVerdict } from './bench-results.js';
import { formatTable } from './format-table.js';
import { modeTag, roundRatios } from './targets.js';

const ms = (micros: number): string => `${(micros / 1000).toFixed(2)} ms`;
const spreadMs = (min: number, max: number): string =>
  `${(min / 1000).toFixed(2)}–${(max / 1000).toFixed(2)}`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

/** ✓ / ✗ / ? for a verdict. */
export function mark(verdict: TargetVerdict): string {
  if (verdict.pass === null) return '?';
  return verdict.pass ? '✓' : '✗';
}

function formatNumber(value: number, unit: string): string {
  return unit === '×' ? `${value.toFixed(2)}×` : `${Math.round(value)}${unit}`;
}

function formatValue(verdict: TargetVerdict): string {
  const value = verdict.value === null ? 'n/a' : formatNumber(verdict.value, verdict.unit);
  const { spread } = verdict;
  if (!spread || spread.min === spread.max) return value;
  return `${value} (${formatNumber(spread.min, verdict.unit)}–${formatNumber(spread.max, verdict.unit)})`;
}

function callsCell(samples: readonly number[], expected: number): string {
  if (samples.length === 0) return 'n/a';
  const distinct = [...new Set(samples)];
  const shown = distinct.length === 1 ? String(distinct[0]) : samples.join('/');
  return distinct.length === 1 && distinct[0] === expected ? shown : `${shown} (check expects ${expected})`;
}

function ratioCell(
  cost: ProviderCost,
  baseline: 'sdk' | 'fetch' | 'http',
  mode: 'sequential' | 'concurrent',
): string {
  const ratios = roundRatios(cost, baseline, mode).filter((value): value is number => value !== null);
  if (ratios.length === 0) return 'n/a';
  return `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
}

const FLOW_TITLE: Record<Provider, string> = {
  stripe: 'Stripe: exchange → btok → attach to a fresh customer',
  dwolla: 'Dwolla: exchange → processor token → funding source on a fresh customer',
  modern_treasury:
    'Modern Treasury: exchange → processor token → external account on a fresh counterparty (no issue target; shown for scale)',
};

function clientCostSection(costs: readonly ProviderCost[]): string {
  return costs
    .map((cost) => {
      const { settings } = cost;
      const seq = modeTag(cost, 'sequential');
      const conc = modeTag(cost, 'concurrent');
      const rows = cost.variants.map((entry) => [
        VARIANT_LABEL[entry.variant],
        `${ms(entry.sequential.medianCpuMicrosPerFlow)} (${spreadMs(entry.sequential.minCpuMicrosPerFlow, entry.sequential.maxCpuMicrosPerFlow)})`,
        `${ms(entry.concurrent.medianCpuMicrosPerFlow)} (${spreadMs(entry.concurrent.minCpuMicrosPerFlow, entry.concurrent.maxCpuMicrosPerFlow)})`,
        `${entry.sequential.medianWallMsPerFlow.toFixed(2)} ms`,
        `${Math.round(entry.concurrent.medianFlowsPerSecond)}`,
        callsCell(entry.callsPerFreshLink, EXPECTED_CALLS[cost.provider][entry.variant]),
        callsCell(entry.roundTripsPerFreshLink, EXPECTED_ROUND_TRIPS[cost.provider][entry.variant]),
      ]);
      const present = new Set(cost.variants.map((entry) => entry.variant));
      const ratios = (['sdk', 'http', 'fetch'] as const)
        .filter((baseline) => present.has(baseline))
        .map((baseline) => [
          `achbridge ÷ ${VARIANT_LABEL[baseline]}`,
          ratioCell(cost, baseline, 'sequential'),
          ratioCell(cost, baseline, 'concurrent'),
        ]);
      const title = FLOW_TITLE[cost.provider];
      return `${title}\n(median of ${settings.rounds} rounds, (min–max of the per-round values); ${settings.sequentialFlows} sequential + ${settings.concurrentFlows} flows at concurrency ${settings.concurrency} per variant per round; HTTP calls and round trips on the critical path (the longest chain of calls each waiting for the answer before it; calls in flight together count once) counted on ${settings.countFlows} fresh links per variant; the necessary 3: ${NECESSARY_CALL_NAMES[cost.provider]})\n${formatTable(
        [
          'variant',
          `CPU/link ${seq}`,
          `CPU/link ${conc}`,
          `wall/link ${seq}`,
          `links/s ${conc}`,
          'HTTP calls per fresh link',
          'round trips on the critical path',
        ],
        rows,
      )}\n\n${formatTable(['CPU ratio (per round)', seq, conc], ratios)}`;
    })
    .join('\n\n');
}

function cpuRatios(result: ColdStartResult): string {
  const cpu = (id: string): number =>
    result.cases.find((entry) => entry.id === id)?.medianCpuMs ?? Number.NaN;
  const node = cpu('node');
  return (['dwolla', 'stripe', 'modern-treasury'] as const)
    .filter((provider) => result.cases.some((entry) => entry.id === `achbridge-${provider}`))
    .map((provider) => {
      const ours = cpu(`achbridge-${provider}`);
      const theirs = cpu(`sdk-${provider}`);
      return `${provider} ${((ours - node) / (theirs - node)).toFixed(2)}× above node, ${(ours / theirs).toFixed(2)}× whole process`;
    })
    .join('; ');
}

function coldStartSection(result: ColdStartResult): string {
  return `median of ${result.runs} fresh processes each (min–max); "above node" subtracts bare node's time of the same run; process CPU is user + system time of the process itself (moves far less than wall time on a busy machine); files loaded counted in a separate run with a loader hook\n${formatTable(
    ['process', 'spawn to exit', 'above node', 'process CPU', 'files loaded (zod)'],
    result.cases.map((entry) => [
      entry.label,
      `${entry.medianMs.toFixed(1)} ms (${entry.minMs.toFixed(0)}–${entry.maxMs.toFixed(0)})`,
      entry.id === 'node'
        ? ''
        : `${entry.medianNetMs.toFixed(1)} ms (${Math.min(...entry.netSamplesMs).toFixed(0)}–${Math.max(...entry.netSamplesMs).toFixed(0)})`,
      `${entry.medianCpuMs.toFixed(0)} ms`,
      entry.filesLoaded ? `${entry.filesLoaded.files} (${entry.filesLoaded.zod})` : 'n/a',
    ]),
  )}
the same ratios by process CPU (achbridge ÷ plaid + the processor's SDK): ${cpuRatios(result)}`;
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
  const median3 = (runs: readonly ClientRun[], pick: (run: ClientRun) => number): number =>
    runs.length === 0 ? 0 : median(runs.map(pick));
  const table = formatTable(
    [
      'provider',
      'client',
      'flows',
      'failed',
      'calls',
      '429s',
      'time (min–max of rounds)',
      'duplicates',
      'peak RSS',
    ],
    result.providers.flatMap((entry) =>
      (
        [
          ['achbridge', entry.achbridge],
          ['floor (node:http, 3 calls)', entry.floor],
          ['floor (node:http, 4 calls)', entry.floorFourCalls],
        ] as const
      ).map(([client, runs]) => [
        entry.provider,
        client,
        `${entry.flows} (${entry.rerunFlows} re-runs)`,
        String(runs.reduce((sum, run) => sum + run.failedFlows, 0)),
        String(Math.round(median3(runs, (run) => run.requests))),
        String(Math.round(median3(runs, (run) => run.throttled))),
        medianSpread(
          runs.map((run) => run.seconds),
          2,
          ' s',
        ),
        client === 'achbridge' ? `${entry.duplicates.duplicates} of ${entry.duplicates.resources}` : '',
        mib(Math.max(0, ...runs.map((run) => run.peakRssBytes))),
      ]),
    ),
  );
  const rounds = result.rounds
    .map(
      (round, index) =>
        `round ${index + 1} (${round.order.join(' → ')}): 3-call floor ${round.seconds.floor.toFixed(2)} s, 4-call floor ${round.seconds.floorFourCalls.toFixed(2)} s, achbridge ${round.seconds.achbridge.toFixed(2)} s`,
    )
    .join('\n');
  const spread = (value: { min: number; max: number } | null): string =>
    value ? ` (${value.min.toFixed(2)}–${value.max.toFixed(2)})` : '';
  return (
    `${settings.flows} flows at once (Stripe and Dwolla side by side, one client process each, default transports), every ${settings.every}th provider call answered ` +
    `429 + Retry-After: ${settings.retryAfterSeconds} s; maxRetries ${settings.maxRetries}, ${settings.maxSockets} sockets per origin; ` +
    `${settings.rounds} rounds of the three clients one after the other (order rotated), each on reset emulator state; calls and 429s are the median of the rounds, failed flows and duplicates their sum\n${table}\n${rounds}\n` +
    `all flows, median of the rounds: achbridge ${result.totalSeconds.toFixed(2)} s, 3-call floor client ${result.floorSeconds.toFixed(2)} s, 4-call floor client ${result.floorFourCallsSeconds.toFixed(2)} s; ` +
    `achbridge ÷ 3-call floor ${result.ratioToFloor?.toFixed(2)}×${spread(result.ratioToFloorSpread)}, ÷ 4-call floor ${result.ratioToFourCallFloor?.toFixed(2)}×${spread(result.ratioToFourCallFloorSpread)} (median of per-round ratios); ` +
    `achbridge without 429s: ${result.unthrottledSeconds.toFixed(2)} s`
  );
}

function throughputSection(results: readonly EndpointThroughput[]): string {
  return formatTable(
    ['endpoint', 'req/s', 'emulator CPU/request', 'p50', 'p99', 'non-2xx', 'errors', 'connections'],
    results.map((entry) => [
      entry.label,
      String(Math.round(entry.requestsPerSecond)),
      entry.emulatorCpuMicrosPerRequest === null || entry.emulatorCpuMicrosPerRequest === undefined
        ? 'n/a'
        : `${Math.round(entry.emulatorCpuMicrosPerRequest)} µs`,
      `${entry.latencyMs.p50} ms`,
      `${entry.latencyMs.p99} ms`,
      String(entry.non2xx),
      String(entry.errors),
      String(entry.connections),
    ]),
  );
}

function medianSpread(values: readonly number[], digits: number, unit: string): string {
  if (values.length === 0) return 'n/a';
  const shown = (value: number) => `${value.toFixed(digits)}${unit}`;
  return `${shown(median(values))} (${shown(Math.min(...values))}–${shown(Math.max(...values))})`;
}

/** The runtime section: CPU per link against each runtime's raw fetch floor, and cold start against the bare runtime. */
export function runtimesSection(result: RuntimeResult): string {
  const { settings } = result;
  const flows = formatTable(
    [
      'runtime',
      'flow',
      'achbridge CPU/link seq',
      'raw fetch seq',
      'achbridge ÷ raw fetch seq',
      `achbridge CPU/link c${settings.concurrency}`,
      `raw fetch c${settings.concurrency}`,
      `achbridge ÷ raw fetch c${settings.concurrency}`,
    ],
    result.flows.map((entry) => [
      entry.version,
      entry.provider,
      medianSpread(
        entry.cpuMicrosPerFlow.achbridge.sequential.map((value) => value / 1000),
        2,
        ' ms',
      ),
      `${(median(entry.cpuMicrosPerFlow.fetch.sequential) / 1000).toFixed(2)} ms`,
      medianSpread(entry.ratios.sequential, 2, '×'),
      medianSpread(
        entry.cpuMicrosPerFlow.achbridge.concurrent.map((value) => value / 1000),
        2,
        ' ms',
      ),
      `${(median(entry.cpuMicrosPerFlow.fetch.concurrent) / 1000).toFixed(2)} ms`,
      medianSpread(entry.ratios.concurrent, 2, '×'),
    ]),
  );
  const cold = formatTable(
    [
      'runtime',
      'process',
      'spawn to exit',
      'above the bare runtime',
      '÷ bare runtime',
      'process CPU',
      'CPU ÷ bare',
    ],
    result.coldStart.flatMap((runtime) => {
      const bare = runtime.cases.find((entry) => entry.id === 'bare');
      return runtime.cases.map((entry) => {
        const net = entry.wallMs.map((value, run) => value - (bare?.wallMs[run] ?? Number.NaN));
        const perRun = entry.wallMs.map((value, run) => value / (bare?.wallMs[run] ?? Number.NaN));
        const cpuRatio =
          entry.cpuMs.length > 0 && bare && bare.cpuMs.length > 0
            ? `${(median(entry.cpuMs) / median(bare.cpuMs)).toFixed(2)}×`
            : 'n/a';
        return [
          runtime.runtime,
          entry.id === 'bare'
            ? 'the runtime alone (the raw fetch floor imports nothing)'
            : `import '@achbridge/core' + '@achbridge/${entry.id.slice('achbridge-'.length)}'`,
          medianSpread(entry.wallMs, 0, ' ms'),
          entry.id === 'bare' ? '' : medianSpread(net, 0, ' ms'),
          entry.id === 'bare' ? '' : medianSpread(perRun, 2, '×'),
          entry.cpuMs.length > 0 ? `${median(entry.cpuMs).toFixed(0)} ms` : 'n/a',
          entry.id === 'bare' ? '' : cpuRatio,
        ];
      });
    }),
  );
  const missing = result.missing.length > 0 ? `\nnot installed, skipped: ${result.missing.join(', ')}` : '';
  return `client CPU per fresh link (median of ${settings.rounds} rounds (min–max); ${settings.sequentialFlows} sequential + ${settings.concurrentFlows} flows at concurrency ${settings.concurrency} per variant per round, each variant in its own process of that runtime; Bun and Deno run the packages' fetch builds, Node its default node:http transport; the floor is the same runtime's raw fetch)\n${flows}\n\ncold start (median of ${result.coldStart[0]?.cases[0]?.wallMs.length ?? 0} fresh processes each, rotated; process CPU from /usr/bin/time)\n${cold}${missing}`;
}

function storeSection(result: StoreBenchResult): string {
  const ms = (micros: number) => `${(micros / 1000).toFixed(2)} ms`;
  const overhead = formatTable(
    [
      'database',
      'CPU without',
      'CPU with store',
      'CPU ratio',
      'wall without',
      'wall with store',
      'wall ratio',
    ],
    result.overhead.map((row) => {
      const rounds = row.rounds ?? [];
      if (row.skipped !== undefined || rounds.length === 0) {
        return [row.engine, row.skipped ?? 'not measured', '', '', '', '', ''];
      }
      const med = (pick: (round: (typeof rounds)[number]) => number) => median(rounds.map(pick));
      return [
        row.engine === 'pglite' ? 'embedded PGlite (folder)' : 'Postgres',
        ms(med((round) => round.plainCpuMicros)),
        ms(med((round) => round.storeCpuMicros)),
        `${row.cpuRatio?.toFixed(2)}×`,
        ms(med((round) => round.plainWallMicros)),
        ms(med((round) => round.storeWallMicros)),
        `${row.wallRatio?.toFixed(2)}×`,
      ];
    }),
  );
  const inboxText = result.inbox
    .map((inbox) => {
      const title = `webhook inbox throughput, handler ${inbox.handlerDelayMs === 0 ? 'empty' : `waiting ${inbox.handlerDelayMs} ms downstream`}`;
      if (inbox.skipped !== undefined) return `${title}: ${inbox.skipped}`;
      const table = formatTable(
        ['worker processes', 'deliveries', 'seconds', 'deliveries/s'],
        (inbox.runs ?? []).map((run) => [
          String(run.processes),
          String(inbox.deliveries),
          run.seconds.toFixed(2),
          run.perSecond.toFixed(0),
        ]),
      );
      return `${title} (concurrency ${inbox.concurrencyPerProcess} per process)\n${table}\nscaling 1 → 2 processes (median of pairs): ${inbox.scaling?.toFixed(2)}×`;
    })
    .join('\n\n');
  return (
    `Stripe link on fresh public tokens, ${result.settings.rounds} rounds × ${result.settings.batch} sequential links per side, ` +
    `with and without the store alternating in one process (medians per link; ratios per round)\n${overhead}\n\n${inboxText}`
  );
}

/** The targets with measured value, bound and pass/fail mark. */
export function formatTargets(targets: readonly TargetVerdict[]): string {
  return formatTable(
    ['target', 'measured', 'goal', ''],
    targets.map((verdict) => [
      verdict.label,
      formatValue(verdict),
      `${verdict.comparison === '==' ? '=' : verdict.comparison === '<=' ? '≤' : '≥'} ${verdict.target}${verdict.unit}`,
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
  if (results.runtimes)
    parts.push(
      `## 6. Node, Bun and Deno (each against its own raw fetch floor)\n\n${runtimesSection(results.runtimes)}`,
    );
  if (results.store)
    parts.push(
      `## 7. Store: overhead per link and webhook inbox throughput\n\n${storeSection(results.store)}`,
    );
  parts.push(`## Targets\n\n${formatTargets(results.targets)}`);
  parts.push(`took ${results.durationSeconds.toFixed(0)} s`);
  return `${parts.join('\n\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { providerCost } from '../../test/provider-cost.test-helpers.js';
import type { LoadResult } from '../sections/rate-limited-load.js';
import {
  callVerdicts,
  clientCostVerdicts,
  coldStartVerdicts,
  footprintVerdicts,
  loadVerdicts,
  storeVerdicts,
  TARGETS,
} from './targets.js';

describe('clientCostVerdicts', () => {
  it('checks achbridge against the SDK glue (≤ 0.6×) and the node:http floor (≤ 2×) in both modes', () => {
    const verdicts = clientCostVerdicts([
      providerCost({ achbridge: [1200, 1300], sdk: [2000, 2000], http: [600, 600] }),
    ]);
    expect(verdicts.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['cpu-dwolla-seq-vs-sdk', 0.6, true],
      ['cpu-dwolla-seq-vs-http', 2, true],
      ['cpu-dwolla-c64-vs-sdk', 0.65, false],
      ['cpu-dwolla-c64-vs-http', 1300 / 600, false],
    ]);
  });

  it('takes the median of the per-round ratios and reports their min–max', () => {
    const [seqVsSdk] = clientCostVerdicts([
      providerCost({ achbridge: [[1000, 1500, 900], 1], sdk: [[2000, 2000, 1000], 1], http: [1, 1] }),
    ]);
    expect(seqVsSdk?.value).toBe(0.75);
    expect(seqVsSdk?.spread).toEqual({ min: 0.5, max: 0.9 });
  });
});

describe('callVerdicts', () => {
  it('passes 3 calls per fresh link, fails 5, and is unknown when links differ', () => {
    const verdicts = callVerdicts([
      providerCost({ achbridge: [1, 1], sdk: [1, 1], http: [1, 1] }, 'stripe', { achbridge: [3, 3] }),
      providerCost({ achbridge: [1, 1], sdk: [1, 1], http: [1, 1] }, 'dwolla', { achbridge: [5, 5] }),
      providerCost({ achbridge: [1, 1], sdk: [1, 1], http: [1, 1] }, 'dwolla', { achbridge: [3, 4] }),
    ]);
    expect(verdicts.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['calls-stripe', 3, true],
      ['calls-dwolla', 5, false],
      ['calls-dwolla', null, null],
    ]);
  });
});

describe("targets cover the issue's processors only", () => {
  it('gives Modern Treasury (reported for scale) no CPU or call verdict', () => {
    const costs = [
      providerCost({ achbridge: [1, 1], sdk: [1, 1], http: [1, 1] }, 'modern_treasury', { achbridge: [5] }),
      providerCost({ achbridge: [1, 1], sdk: [1, 1], http: [1, 1] }, 'stripe', { achbridge: [4] }),
    ];
    expect(callVerdicts(costs).map((verdict) => verdict.id)).toEqual(['calls-stripe']);
    expect(clientCostVerdicts(costs).every((verdict) => verdict.id.startsWith('cpu-stripe-'))).toBe(true);
  });
});

describe('coldStartVerdicts and footprintVerdicts', () => {
  const coldCase = (id: string, samplesMs: number[], nodeMs: number[]) => ({
    id,
    label: id,
    samplesMs,
    medianMs: [...samplesMs].sort((a, b) => a - b)[Math.floor(samplesMs.length / 2)] as number,
    minMs: Math.min(...samplesMs),
    maxMs: Math.max(...samplesMs),
    netSamplesMs: samplesMs.map((value, run) => value - (nodeMs[run] as number)),
    medianNetMs: [...samplesMs.map((value, run) => value - (nodeMs[run] as number))].sort((a, b) => a - b)[
      Math.floor(samplesMs.length / 2)
    ] as number,
    cpuSamplesMs: samplesMs,
    medianCpuMs: 0,
    filesLoaded: null,
  });

  it('divide achbridge by the SDK pair, spawn to exit and above bare node', () => {
    const node = [50];
    const cold = coldStartVerdicts({
      runs: 1,
      cases: [
        coldCase('node', node, node),
        coldCase('achbridge-dwolla', [80], node),
        coldCase('sdk-dwolla', [150], node),
        coldCase('achbridge-stripe', [100], node),
        coldCase('sdk-stripe', [150], node),
      ],
    });
    expect(cold.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['cold-start-import-dwolla', 0.3, true],
      ['cold-start-spawn-dwolla', 80 / 150, false],
      ['cold-start-import-stripe', 0.5, false],
      ['cold-start-spawn-stripe', 100 / 150, false],
    ]);
  });

  it('pairs each run with bare node of the same run for the spread', () => {
    const node = [50, 100];
    const [importDwolla] = coldStartVerdicts({
      runs: 2,
      cases: [
        coldCase('node', node, node),
        coldCase('achbridge-dwolla', [60, 130], node),
        coldCase('sdk-dwolla', [150, 200], node),
        coldCase('achbridge-stripe', [60, 130], node),
        coldCase('sdk-stripe', [150, 200], node),
      ],
    });
    expect(importDwolla?.spread).toEqual({ min: 0.1, max: 0.3 });
  });

  it('divides the installed @achbridge/dwolla by plaid + dwolla-v2', () => {
    const verdicts = footprintVerdicts({
      status: 'measured',
      entries: [
        { id: 'achbridge-dwolla', label: '', installed: [], bytes: 30, packages: 3, largest: [] },
        { id: 'sdk-dwolla', label: '', installed: [], bytes: 100, packages: 41, largest: [] },
      ],
    });
    expect(verdicts.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['install-dwolla', 0.3, true],
    ]);
  });

  it('reports an unmeasured footprint as unknown, not as a pass', () => {
    const verdicts = footprintVerdicts({ status: 'unavailable', reason: 'offline' });
    expect(verdicts.every((verdict) => verdict.value === null && verdict.pass === null)).toBe(true);
  });
});

describe('loadVerdicts', () => {
  const run = {
    seconds: 2,
    failedFlows: 0,
    errors: [],
    requests: 1500,
    throttled: 150,
    peakRssBytes: 1,
  };
  const provider = {
    flows: 500,
    freshFlows: 450,
    rerunFlows: 50,
    achbridge: [run, run],
    floor: [run, run],
    floorFourCalls: [run, run],
    unthrottledSeconds: 1,
    duplicates: { resources: 900, pairs: 900, duplicates: 0 },
    expectedResources: 900,
  };
  const result: LoadResult = {
    settings: {
      flows: 1000,
      rerunShare: 0.1,
      retryAfterSeconds: 2,
      every: 10,
      maxRetries: 5,
      maxSockets: 128,
      rounds: 2,
    },
    providers: [
      { ...provider, provider: 'stripe' },
      { ...provider, provider: 'dwolla', achbridge: [run, { ...run, failedFlows: 1 }] },
    ],
    faults: [],
    rounds: [],
    floorSeconds: 2,
    floorFourCallsSeconds: 2.1,
    totalSeconds: 2.2,
    ratioToFloor: 1.1,
    ratioToFloorSpread: { min: 1.05, max: 1.15 },
    ratioToFourCallFloor: 1.05,
    ratioToFourCallFloorSpread: { min: 1, max: 1.1 },
    unthrottledSeconds: 1,
  };

  it('passes zero duplicates, leaves duplicates unknown when flows failed, and compares with the 3-call floor client', () => {
    const verdicts = loadVerdicts(result);
    expect(verdicts.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['load-stripe-duplicates', 0, true],
      ['load-dwolla-duplicates', null, null],
      ['load-floor', 1.1, true],
    ]);
    expect(verdicts.at(-1)?.spread).toEqual({ min: 1.05, max: 1.15 });
    expect(TARGETS.loadVsFloor).toBe(1.1);
  });

  it('leaves the floor ratio unknown when the floor client failed flows in any round', () => {
    const failed = {
      ...result,
      providers: result.providers.map((entry) => ({ ...entry, floor: [run, { ...run, failedFlows: 2 }] })),
    };
    expect(loadVerdicts(failed).at(-1)?.pass).toBeNull();
  });
});

describe('storeVerdicts', () => {
  it('judges the store overhead per engine and the inbox scaling; unmeasured rows are neither pass nor fail', () => {
    const verdicts = storeVerdicts({
      settings: { rounds: 2, batch: 10, warmup: 4 },
      overhead: [
        {
          engine: 'pglite',
          rounds: [
            { plainCpuMicros: 1000, storeCpuMicros: 1100, plainWallMicros: 2000, storeWallMicros: 2600 },
            { plainCpuMicros: 1000, storeCpuMicros: 1200, plainWallMicros: 2000, storeWallMicros: 2200 },
          ],
          cpuRatio: 1.15,
          wallRatio: 1.2,
        },
        { engine: 'postgres', skipped: 'not measured: DATABASE_URL is not set' },
      ],
      inbox: [{ handlerDelayMs: 0, skipped: 'not measured: DATABASE_URL is not set' }],
    });
    const byId = Object.fromEntries(verdicts.map((verdict) => [verdict.id, verdict]));
    expect(byId['store-overhead-cpu-pglite']).toMatchObject({
      value: 1.15,
      pass: true,
      spread: { min: 1.1, max: 1.2 },
    });
    expect(byId['store-overhead-wall-pglite']).toMatchObject({ value: 1.2, pass: false });
    expect(byId['store-overhead-cpu-postgres']).toMatchObject({ value: null, pass: null });
    expect(byId['inbox-scaling-0ms']).toMatchObject({
      value: null,
      pass: null,
      comparison: '>=',
      target: 1.6,
    });
  });
});

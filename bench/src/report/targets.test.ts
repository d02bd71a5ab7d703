import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../sections/rate-limited-load.js';
import { providerCost } from './provider-cost.test-helpers.js';
import {
  clientCostVerdicts,
  coldStartVerdicts,
  footprintVerdicts,
  loadVerdicts,
  TARGETS,
} from './targets.js';

describe('clientCostVerdicts', () => {
  it('checks achbridge against the SDK glue (≤ 0.5×) and raw fetch (≤ 1.2×) in both modes', () => {
    const verdicts = clientCostVerdicts([
      providerCost({ achbridge: [1000, 1200], sdk: [2000, 2000], raw: [1000, 1000] }),
    ]);
    expect(verdicts.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['cpu-dwolla-seq-vs-sdk', 0.5, true],
      ['cpu-dwolla-seq-vs-raw', 1, true],
      ['cpu-dwolla-c64-vs-sdk', 0.6, false],
      ['cpu-dwolla-c64-vs-raw', 1.2, true],
    ]);
  });
});

describe('coldStartVerdicts and footprintVerdicts', () => {
  it('divide achbridge by the SDK pair', () => {
    const cold = coldStartVerdicts({
      runs: 1,
      cases: [
        { id: 'achbridge-dwolla', label: '', samplesMs: [30], medianMs: 30 },
        { id: 'sdk-dwolla', label: '', samplesMs: [100], medianMs: 100 },
        { id: 'achbridge-stripe', label: '', samplesMs: [50], medianMs: 50 },
        { id: 'sdk-stripe', label: '', samplesMs: [100], medianMs: 100 },
      ],
    });
    expect(cold.map((verdict) => [verdict.value, verdict.pass])).toEqual([
      [0.3, true],
      [0.5, false],
    ]);
  });

  it('reports an unmeasured footprint as unknown, not as a pass', () => {
    const verdicts = footprintVerdicts({ status: 'unavailable', reason: 'offline' });
    expect(verdicts.every((verdict) => verdict.value === null && verdict.pass === null)).toBe(true);
  });
});

describe('loadVerdicts', () => {
  const provider = {
    flows: 500,
    freshFlows: 450,
    rerunFlows: 50,
    failedFlows: 0,
    errors: [],
    throttled: { total: 10, flowsThrottled: 10, maxPerFlow: 1 },
    totalSeconds: 2,
    unthrottledSeconds: 1,
    duplicates: { resources: 450, pairs: 450, duplicates: 0 },
    expectedResources: 450,
    peakRssBytes: 1,
  };
  const result: LoadResult = {
    settings: {
      flows: 1000,
      rerunShare: 0.1,
      retryAfterSeconds: 2,
      every: 10,
      maxRetries: 5,
      maxSockets: 128,
    },
    providers: [
      { ...provider, provider: 'stripe' },
      { ...provider, provider: 'dwolla', failedFlows: 1 },
    ],
    faults: [],
    floorSeconds: 2,
    totalSeconds: 2.2,
    ratioToFloor: 1.1,
    unthrottledSeconds: 1,
    ratioToFloorPlusUnthrottled: 0.73,
  };

  it('passes zero duplicates, and leaves duplicates unknown when flows failed', () => {
    const verdicts = loadVerdicts(result);
    expect(verdicts.map((verdict) => [verdict.id, verdict.value, verdict.pass])).toEqual([
      ['load-stripe-duplicates', 0, true],
      ['load-dwolla-duplicates', null, null],
      ['load-floor', 1.1, true],
    ]);
    expect(TARGETS.loadVsFloor).toBe(1.2);
  });
});

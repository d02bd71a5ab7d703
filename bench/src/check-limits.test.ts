import { describe, expect, it } from 'vitest';
import { providerCost } from '../test/provider-cost.test-helpers.js';
import { CHECK_LIMITS, findCheckFailures } from './check-limits.js';
import { EXPECTED_CALLS, EXPECTED_ROUND_TRIPS } from './flows/calls-per-flow.js';

const committed = { achbridge: [EXPECTED_CALLS.dwolla.achbridge] };

describe('findCheckFailures', () => {
  it('passes when the calls are as committed and achbridge is within the CPU bounds', () => {
    expect(
      findCheckFailures([
        providerCost({ achbridge: [3000, 3000], sdk: [3000, 3000], http: [1000, 1000] }, 'dwolla', committed),
      ]),
    ).toEqual([]);
  });

  it('fails any client whose fresh links make one call more or fewer than committed', () => {
    const expected = EXPECTED_CALLS.stripe.achbridge;
    const failures = findCheckFailures([
      providerCost({ achbridge: [3000, 3000], sdk: [3000, 3000], http: [1000, 1000] }, 'stripe', {
        achbridge: [expected, expected + 1],
        http: [2],
      }),
    ]);
    expect(failures).toEqual([
      `Stripe: achbridge made ${expected}, ${expected + 1} HTTP calls per fresh link; expected exactly ${expected} (EXPECTED_CALLS in bench/src/flows/calls-per-flow.ts)`,
      'Stripe: raw node:http made 2 HTTP calls per fresh link; expected exactly 3 (EXPECTED_CALLS in bench/src/flows/calls-per-flow.ts)',
    ]);
  });

  it('fails a client whose fresh links wait for more round trips than committed (calls no longer side by side)', () => {
    const expected = EXPECTED_ROUND_TRIPS.dwolla.achbridge;
    const failures = findCheckFailures([
      providerCost({ achbridge: [3000, 3000], sdk: [3000, 3000], http: [1000, 1000] }, 'dwolla', committed, {
        achbridge: [expected + 1, expected],
      }),
    ]);
    expect(failures).toEqual([
      `Dwolla: achbridge made ${expected + 1}, ${expected} round trips on the critical path per fresh link; expected exactly ${expected} (EXPECTED_ROUND_TRIPS in bench/src/flows/calls-per-flow.ts)`,
    ]);
  });

  it('fails a client whose calls were not counted', () => {
    const failures = findCheckFailures([
      providerCost({ achbridge: [3000, 3000], sdk: [3000, 3000], http: [1000, 1000] }, 'dwolla', {
        ...committed,
        sdk: [],
      }),
    ]);
    expect(failures).toEqual([expect.stringMatching(/^Dwolla: SDK glue made no counted HTTP calls/)]);
  });

  it('fails a CPU ratio that is over its bound in both modes, naming provider and baseline', () => {
    const over = 1000 * (CHECK_LIMITS.cpuVsHttp + 0.1);
    const failures = findCheckFailures([
      providerCost({ achbridge: [over, over], sdk: [over, over], http: [1000, 1000] }, 'dwolla', committed),
    ]);
    expect(failures).toEqual([expect.stringMatching(/^Dwolla: .*the raw node:http; limit 8×$/)]);
  });

  it('judges the median of the per-round ratios, and tolerates one noisy mode', () => {
    const high = 3000 * (CHECK_LIMITS.cpuVsSdk + 0.5);
    expect(
      findCheckFailures([
        providerCost(
          { achbridge: [[high, 3000, 3000], 3000], sdk: [[3000, 3000, 3000], 3000], http: [1000, 1000] },
          'dwolla',
          committed,
        ),
        providerCost({ achbridge: [high, 3000], sdk: [3000, 3000], http: [1000, 1000] }, 'dwolla', committed),
      ]),
    ).toEqual([]);
  });
});

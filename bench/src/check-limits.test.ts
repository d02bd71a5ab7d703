import { describe, expect, it } from 'vitest';
import { providerCost } from '../test/provider-cost.test-helpers.js';
import { CHECK_LIMITS, findCheckFailures } from './check-limits.js';
import { EXPECTED_CALLS } from './flows/calls-per-flow.js';

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
      `stripe: achbridge made ${expected}, ${expected + 1} HTTP calls per fresh link; expected exactly ${expected} (EXPECTED_CALLS in bench/src/flows/calls-per-flow.ts)`,
      'stripe: raw node:http made 2 HTTP calls per fresh link; expected exactly 3 (EXPECTED_CALLS in bench/src/flows/calls-per-flow.ts)',
    ]);
  });

  it('fails a client whose calls were not counted', () => {
    const failures = findCheckFailures([
      providerCost({ achbridge: [3000, 3000], sdk: [3000, 3000], http: [1000, 1000] }, 'dwolla', {
        ...committed,
        sdk: [],
      }),
    ]);
    expect(failures).toEqual([expect.stringMatching(/^dwolla: SDK glue made no counted HTTP calls/)]);
  });

  it('fails a CPU ratio that is over its bound in both modes, naming provider and baseline', () => {
    const over = 1000 * (CHECK_LIMITS.cpuVsHttp + 0.1);
    const failures = findCheckFailures([
      providerCost({ achbridge: [over, over], sdk: [over, over], http: [1000, 1000] }, 'dwolla', committed),
    ]);
    expect(failures).toEqual([expect.stringMatching(/^dwolla: .*the raw node:http; limit 8×$/)]);
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

import { describe, expect, it } from 'vitest';
import { CHECK_LIMITS, findCheckFailures } from './check-limits.js';
import { providerCost } from './report/provider-cost.test-helpers.js';

describe('findCheckFailures', () => {
  it('passes when achbridge is within the bounds', () => {
    expect(
      findCheckFailures([providerCost({ achbridge: [3000, 3000], sdk: [3000, 3000], raw: [3000, 3000] })]),
    ).toEqual([]);
  });

  it('fails a ratio that is over its bound in both modes, naming provider and baseline', () => {
    const over = 3000 * (CHECK_LIMITS.cpuVsRaw + 0.1);
    const failures = findCheckFailures([
      providerCost({ achbridge: [over, over], sdk: [over, over], raw: [3000, 3000] }, 'stripe'),
    ]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^stripe: .*raw fetch floor; limit 1\.8×$/);
  });

  it('tolerates one noisy mode', () => {
    const over = 3000 * (CHECK_LIMITS.cpuVsSdk + 0.5);
    expect(
      findCheckFailures([providerCost({ achbridge: [over, 3000], sdk: [3000, 3000], raw: [3000, 3000] })]),
    ).toEqual([]);
  });
});

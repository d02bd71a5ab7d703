import { describe, expect, it } from 'vitest';
import { median, range, ratio, round } from './stats.js';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('does not reorder the caller array', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects an empty or non-finite sample list', () => {
    expect(() => median([])).toThrow(/at least one sample/);
    expect(() => median([1, Number.NaN])).toThrow();
  });
});

describe('range', () => {
  it('returns min and max', () => {
    expect(range([7, -2, 4])).toEqual({ min: -2, max: 7 });
  });
});

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(1, 4)).toBe(0.25);
  });

  it('is null for a zero, negative or non-finite denominator', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, -1)).toBeNull();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('round', () => {
  it('keeps the given number of decimals', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(round(2)).toBe(2);
  });
});

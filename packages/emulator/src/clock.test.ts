import { describe, expect, it } from 'vitest';
import { createClock } from './clock.js';

describe('createClock', () => {
  it('follows real time plus the advanced offset, and resets to real time', () => {
    let real = 1_000;
    const clock = createClock(() => real);
    expect(clock.now()).toBe(1_000);
    clock.advance(30 * 60 * 1000);
    expect(clock.now()).toBe(1_000 + 1_800_000);
    real = 2_000;
    expect(clock.now()).toBe(2_000 + 1_800_000);
    expect(clock.offsetMs()).toBe(1_800_000);
    clock.reset();
    expect(clock.now()).toBe(2_000);
    expect(clock.offsetMs()).toBe(0);
  });

  it('refuses to move backwards or by a non-finite amount', () => {
    const clock = createClock(() => 0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(0);
  });
});

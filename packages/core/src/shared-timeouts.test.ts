import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSharedTimeouts, scheduleOwnTimeout } from './shared-timeouts.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createSharedTimeouts', () => {
  it('fires each deadline once with one timer for all pending entries, and never a cancelled one', () => {
    vi.useFakeTimers();
    const schedule = createSharedTimeouts(() => Date.now());
    const fired: string[] = [];
    schedule(100, () => fired.push('a'));
    const b = schedule(100, () => fired.push('b'));
    schedule(300, () => fired.push('c'));
    expect(vi.getTimerCount()).toBe(1);
    b.cancel();
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['a']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['a', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms for an earlier deadline added later', () => {
    vi.useFakeTimers();
    const schedule = createSharedTimeouts(() => Date.now());
    const fired: string[] = [];
    schedule(1_000, () => fired.push('late'));
    schedule(10, () => fired.push('early'));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['early']);
    vi.advanceTimersByTime(990);
    expect(fired).toEqual(['early', 'late']);
  });

  it('keeps many finished requests from costing a timer each', () => {
    vi.useFakeTimers();
    const schedule = createSharedTimeouts(() => Date.now());
    for (let index = 0; index < 1_000; index++) schedule(30_000, () => expect.fail('cancelled')).cancel();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(30_000);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('scheduleOwnTimeout', () => {
  it('fires after the delay unless cancelled', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    scheduleOwnTimeout(5, () => fired.push('x'));
    scheduleOwnTimeout(5, () => fired.push('y')).cancel();
    vi.advanceTimersByTime(5);
    expect(fired).toEqual(['x']);
  });
});

import type { EmulatorClock } from './types.js';

/** The shared emulated clock plus the offset it currently adds to real time. */
export interface ControllableClock extends EmulatorClock {
  /** How far emulated time is ahead of real time, in ms. */
  offsetMs(): number;
}

/** Creates a clock that follows real time plus an offset that `advance` grows. */
export function createClock(realNow: () => number = Date.now): ControllableClock {
  let offset = 0;
  return {
    now: () => realNow() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError('ms must be a finite number >= 0');
      }
      offset += ms;
    },
    reset() {
      offset = 0;
    },
    offsetMs: () => offset,
  };
}

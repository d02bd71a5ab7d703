import type { PendingTimeout } from './platform/platform-types.js';

interface Entry extends PendingTimeout {
  deadline: number;
  onTimeout: () => void;
}

type TimerHandle = ReturnType<typeof setTimeout>;

/** Lets a timer not keep the process alive (Node, Bun: `unref`; Deno: `Deno.unrefTimer`). */
function unrefTimer(handle: TimerHandle): void {
  if (typeof handle === 'object' && handle !== null && typeof handle.unref === 'function') {
    handle.unref();
    return;
  }
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: unknown) => void } }).Deno;
  deno?.unrefTimer?.(handle);
}

/**
 * Creates one timeout mechanism shared by every request of the process: pending deadlines sit in a set
 * and a single unref'd timer wakes at the earliest one, so a request costs one small object instead of
 * an AbortController plus a timer of its own. Requests that finish first only leave the set; the timer
 * is re-armed when it wakes. For processes that outlive a request (Node, Bun, Deno), not for Workers,
 * whose timers belong to the request that set them.
 */
export function createSharedTimeouts(
  now: () => number = Date.now,
): (ms: number, onTimeout: () => void) => PendingTimeout {
  const pending = new Set<Entry>();
  let timer: TimerHandle | undefined;
  let armedFor = Number.POSITIVE_INFINITY;

  function arm(deadline: number): void {
    if (timer !== undefined) clearTimeout(timer);
    armedFor = deadline;
    timer = setTimeout(wake, Math.max(0, deadline - now()));
    unrefTimer(timer);
  }

  function wake(): void {
    timer = undefined;
    armedFor = Number.POSITIVE_INFINITY;
    const current = now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of pending) {
      if (entry.deadline <= current) {
        pending.delete(entry);
        entry.onTimeout();
      } else if (entry.deadline < next) {
        next = entry.deadline;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) arm(next);
  }

  return (ms, onTimeout) => {
    const entry: Entry = {
      deadline: now() + ms,
      onTimeout,
      cancel: () => {
        pending.delete(entry);
      },
    };
    pending.add(entry);
    if (entry.deadline < armedFor) arm(entry.deadline);
    return entry;
  };
}

/** A plain per-request timer, for runtimes whose timers are scoped to one request (Workers). */
export function scheduleOwnTimeout(ms: number, onTimeout: () => void): PendingTimeout {
  const handle = setTimeout(onTimeout, ms);
  return { cancel: () => clearTimeout(handle) };
}

import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../state-codec.js';
import type { EmulatorClock, EmulatorRequest, EmulatorResponse } from '../types.js';
import { declareState } from './declared-state.js';
import { declaredLifecycle, guardHandle } from './module-lifecycle.js';

class AcmeError extends Error {
  constructor(readonly status: number) {
    super(`acme ${status}`);
  }
  toResponse(): EmulatorResponse {
    return { status: this.status, body: { acme: this.message } };
  }
}

const REQUEST: EmulatorRequest = {
  method: 'GET',
  path: '/things',
  query: new URLSearchParams(),
  headers: {},
  rawBody: Buffer.alloc(0),
  origin: 'http://127.0.0.1:1',
};

function fixedClock(now: number): EmulatorClock {
  return { now: () => now, advance: () => undefined, reset: () => undefined };
}

describe('guardHandle', () => {
  const internal = (): EmulatorResponse => ({ status: 500, body: { acme: 'internal' } });

  it('answers what the route answers', async () => {
    const handle = guardHandle(() => ({ status: 200, body: { ok: true } }), AcmeError, internal);
    expect(await handle(REQUEST)).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers a thrown provider error as itself', async () => {
    const handle = guardHandle(
      () => {
        throw new AcmeError(404);
      },
      AcmeError,
      internal,
    );
    expect(await handle(REQUEST)).toEqual({ status: 404, body: { acme: 'acme 404' } });
  });

  it('answers anything else thrown with the internal error answer instead of rejecting', async () => {
    const handle = guardHandle(
      () => {
        throw new TypeError('boom');
      },
      AcmeError,
      internal,
    );
    expect(await handle(REQUEST)).toEqual({ status: 500, body: { acme: 'internal' } });
  });
});

describe('declaredLifecycle', () => {
  function acmeState() {
    return declareState({
      create: () => ({ things: new Map<string, { dueAt: number; settled: boolean }>() }),
      snapshot: {
        hidden: [],
        fields: (show) => ({
          things: show.list('things', (thing, id, { now }) => ({ id, settled: thing.settled, now })),
        }),
      },
    });
  }

  it('runs beforeSnapshot at the clock’s now, then snapshots at that now', () => {
    const declared = acmeState();
    declared.state.things.set('t1', { dueAt: 50, settled: false });
    const seen: number[] = [];
    const lifecycle = declaredLifecycle(declared, fixedClock(100), (now) => {
      seen.push(now);
      for (const thing of declared.state.things.values()) thing.settled = thing.dueAt <= now;
    });
    expect(lifecycle.snapshot()).toEqual({ things: [{ id: 't1', settled: true, now: 100 }] });
    expect(seen).toEqual([100]);
  });

  it('resets, exports and imports the declared state', () => {
    const declared = acmeState();
    const lifecycle = declaredLifecycle(declared, fixedClock(0));
    declared.state.things.set('t1', { dueAt: 1, settled: false });
    const saved = decodeState(encodeState(lifecycle.exportState())) as Record<string, unknown>;
    lifecycle.reset();
    expect(declared.state.things.size).toBe(0);
    lifecycle.importState(saved);
    expect([...declared.state.things.keys()]).toEqual(['t1']);
  });
});

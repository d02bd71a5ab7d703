import { describe, expect, it } from 'vitest';
import type { EmulatorClock, EmulatorRequest } from '../types.js';
import {
  createIdempotencyStore,
  type IdempotencyMismatch,
  type IdempotencyPolicy,
} from './idempotency-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function manualClock(): EmulatorClock {
  let now = 1_000;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    reset() {
      now = 1_000;
    },
  };
}

function post(path: string, body: string, key: string | undefined, method = 'POST'): EmulatorRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers: key === undefined ? {} : { 'idempotency-key': key },
    rawBody: Buffer.from(body),
    origin: 'http://127.0.0.1:4010',
  };
}

const created = { status: 201, headers: { Location: '/things/1' }, body: { id: 1 } };

function storeWith(policy: IdempotencyPolicy) {
  const entries = new Map<string, unknown>();
  const clock = manualClock();
  return { entries, clock, store: createIdempotencyStore(entries, clock, policy) };
}

describe('createIdempotencyStore', () => {
  it('replays a kept answer for the same key, endpoint and body until the TTL, then runs it anew', () => {
    const { store, clock } = storeWith({ ttlMs: DAY_MS, onMismatch: 'new-request', fingerprint: 'raw-body' });
    const input = { request: post('/things', '{"a":1}', 'k1') };
    expect(store.replay(input)).toBeUndefined();
    store.remember(input, created);
    expect(store.replay(input)).toEqual(created);
    clock.advance(DAY_MS - 1);
    expect(store.replay(input)).toEqual(created);
    clock.advance(1);
    expect(store.replay(input)).toBeUndefined();
  });

  it('new-request policy: another body or path with the same key is not a retry', () => {
    const { store } = storeWith({ ttlMs: DAY_MS, onMismatch: 'new-request', fingerprint: 'raw-body' });
    store.remember({ request: post('/things', '{"a":1}', 'k') }, created);
    expect(store.replay({ request: post('/things', '{"a":2}', 'k') })).toBeUndefined();
    expect(store.replay({ request: post('/others', '{"a":1}', 'k') })).toBeUndefined();
  });

  it('replay policy: the first answer comes back whatever the body or path, within the key’s scope only', () => {
    const { store } = storeWith({ ttlMs: DAY_MS, onMismatch: 'replay', fingerprint: 'none' });
    store.remember({ request: post('/things', '{"a":1}', 'k'), scope: 'api-key-1' }, created);
    expect(store.replay({ request: post('/others', '{"b":2}', 'k'), scope: 'api-key-1' })).toEqual(created);
    expect(store.replay({ request: post('/things', '{"a":1}', 'k'), scope: 'api-key-2' })).toBeUndefined();
  });

  it('error policy: a reused key with another endpoint or fingerprint throws the provider’s error', () => {
    const seen: IdempotencyMismatch[] = [];
    const { store } = storeWith({
      ttlMs: DAY_MS,
      fingerprint: 'none',
      onMismatch: (mismatch) => {
        seen.push(mismatch);
        throw new Error(`mismatch ${mismatch.differs}`);
      },
      keeps: () => true,
      replayHeaders: (entry) => ({ 'original-request': entry.originalRequestId ?? '' }),
    });
    store.remember({ request: post('/a', '', 'k'), fingerprint: 'x=1' }, { status: 402, body: {} }, 'req_1');
    expect(() => store.replay({ request: post('/b', '', 'k'), fingerprint: 'x=1' })).toThrow(
      'mismatch endpoint',
    );
    expect(() => store.replay({ request: post('/a', '', 'k'), fingerprint: 'x=2' })).toThrow('mismatch body');
    expect(seen[0]).toEqual({
      key: 'k',
      differs: 'endpoint',
      storedEndpoint: 'POST /a',
      endpoint: 'POST /b',
    });
    expect(store.replay({ request: post('/a', '', 'k'), fingerprint: 'x=1' })).toEqual({
      status: 402,
      body: {},
      headers: { 'original-request': 'req_1' },
    });
  });

  it('keeps only 2xx answers by default and ignores GETs and blank keys', () => {
    const { store, entries } = storeWith({ ttlMs: DAY_MS, onMismatch: 'replay', fingerprint: 'none' });
    store.remember({ request: post('/a', '', 'k') }, { status: 400, body: {} });
    store.remember({ request: post('/a', '', 'k', 'GET') }, created);
    store.remember({ request: post('/a', '', '') }, created);
    expect(entries.size).toBe(0);
    expect(store.keyOf(post('/a', '', ' padded '))).toBe(' padded ');
  });

  it('trims keys and prunes expired entries on store when the policy says so', () => {
    const { store, entries, clock } = storeWith({
      ttlMs: DAY_MS,
      onMismatch: 'new-request',
      fingerprint: 'raw-body',
      trimKey: true,
      pruneOnStore: true,
    });
    store.remember({ request: post('/a', '1', ' k ') }, created);
    expect(store.replay({ request: post('/a', '1', 'k') })).toEqual(created);
    clock.advance(DAY_MS);
    store.remember({ request: post('/a', '2', 'other') }, created);
    expect(entries.size).toBe(1);
  });

  it('treats an entry of another shape (an older state file) as absent instead of failing', () => {
    const { store, entries } = storeWith({ ttlMs: DAY_MS, onMismatch: 'replay', fingerprint: 'none' });
    entries.set('\u0000k', { response: created, expiresAt: 5 });
    expect(store.replay({ request: post('/a', '', 'k') })).toBeUndefined();
    expect(entries.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../state-codec.js';
import { declareState } from './declared-state.js';

interface ShopState {
  orders: Map<string, { total: number }>;
  seen: Set<string>;
  log: string[];
  counter: number;
  sessions: Map<string, string>;
}

function createShopState(): ShopState {
  return {
    orders: new Map([['seeded', { total: 0 }]]),
    seen: new Set(),
    log: [],
    counter: 0,
    sessions: new Map(),
  };
}

describe('declareState', () => {
  it('resets every piece in place to what create builds (seeds included)', () => {
    const declared = declareState({ create: createShopState });
    const { state } = declared;
    const orders = state.orders;
    state.orders.set('o1', { total: 5 });
    state.seen.add('x');
    state.log.push('a');
    state.counter = 3;
    declared.reset();
    expect(state.orders).toBe(orders);
    expect([...state.orders.keys()]).toEqual(['seeded']);
    expect(state.seen.size + state.log.length + state.counter).toBe(0);
  });

  it('exports every piece but the transient ones and imports them back in place', () => {
    const declared = declareState({ create: createShopState, transient: ['sessions'] });
    declared.state.orders.set('o1', { total: 5 });
    declared.state.counter = 2;
    declared.state.sessions.set('bearer', 'secret-session');
    const exported = declared.exportState();
    expect(Object.keys(exported).sort()).toEqual(['counter', 'log', 'orders', 'seen']);

    const restored = declareState({ create: createShopState, transient: ['sessions'] });
    restored.state.sessions.set('old', 'stale');
    restored.importState(decodeState(encodeState(exported)) as Record<string, unknown>);
    expect(restored.state.orders.get('o1')).toEqual({ total: 5 });
    expect(restored.state.counter).toBe(2);
    expect(restored.state.sessions.size).toBe(0);
  });

  it('ignores transient pieces in a file written before they were declared transient', () => {
    const declared = declareState({ create: createShopState, transient: ['sessions'] });
    declared.importState({ sessions: new Map([['bearer', 'old']]), counter: 4 });
    expect(declared.state.sessions.size).toBe(0);
    expect(declared.state.counter).toBe(4);
  });
});

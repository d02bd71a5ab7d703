import { describe, expect, it } from 'vitest';
import { EmulatorInputError } from '../emulator-errors.js';
import { decodeState, encodeState } from '../state-codec.js';
import { declareState, type StateDeclaration } from './declared-state.js';

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

const SHOP_SNAPSHOT: StateDeclaration<ShopState>['snapshot'] = {
  hidden: ['sessions'],
  fields: (show) => ({
    counts: { orders: show.count('orders'), seen: show.count('seen') },
    orders: show.list('orders', (order, id) => ({ id, total: order.total })),
    bigOrders: show.count('orders', (order) => order.total >= 10),
    log: show.list('log', (line, index, { now }) => `${index}:${line}@${now}`),
    totals: { counter: show.value('counter') },
  }),
};

describe('declareState snapshot', () => {
  it('renders the declared fields in their order from the live state, with the context', () => {
    const declared = declareState({ create: createShopState, snapshot: SHOP_SNAPSHOT });
    declared.state.orders.set('o1', { total: 12 });
    declared.state.seen.add('x');
    declared.state.log.push('paid');
    declared.state.counter = 7;
    // Key order is part of the answer: compare the JSON text, not only the parsed values.
    expect(JSON.stringify(declared.snapshot({ now: 1000 }))).toBe(
      JSON.stringify({
        counts: { orders: 2, seen: 1 },
        orders: [
          { id: 'seeded', total: 0 },
          { id: 'o1', total: 12 },
        ],
        bigOrders: 1,
        log: ['0:paid@1000'],
        totals: { counter: 7 },
      }),
    );
  });

  it('never shows a hidden piece, and follows reset and import in place', () => {
    const declared = declareState({
      create: createShopState,
      transient: ['sessions'],
      snapshot: SHOP_SNAPSHOT,
    });
    declared.state.sessions.set('bearer-secret-123', 'secret-session-456');
    declared.state.counter = 3;
    const shown = JSON.stringify(declared.snapshot({ now: 0 }));
    expect(shown).not.toContain('secret');
    expect(shown).not.toContain('sessions');
    declared.reset();
    expect(declared.snapshot({ now: 0 })).toMatchObject({
      counts: { orders: 1, seen: 0 },
      totals: { counter: 0 },
    });
    declared.importState({ counter: 9, orders: new Map() });
    expect(declared.snapshot({ now: 0 })).toMatchObject({ counts: { orders: 0 }, totals: { counter: 9 } });
  });

  it('is empty when no snapshot is declared', () => {
    expect(declareState({ create: createShopState }).snapshot({ now: 0 })).toEqual({});
  });

  it('refuses a declaration that leaves a piece neither shown nor hidden, or names it twice or wrongly', () => {
    const declare = (snapshot: StateDeclaration<ShopState>['snapshot']) => () =>
      declareState({ create: createShopState, snapshot });
    const unlisted = declare({ hidden: [], fields: SHOP_SNAPSHOT?.fields ?? (() => ({})) });
    expect(unlisted).toThrow(EmulatorInputError);
    expect(unlisted).toThrow('snapshot.sessions: every piece of the state must be shown or hidden');
    expect(
      declare({
        hidden: ['sessions', 'seen', 'log', 'counter'],
        fields: (show) => ({ counter: show.value('counter'), orders: show.count('orders') }),
      }),
    ).toThrow('snapshot.counter: a piece is either shown or hidden, not both');
    expect(
      declare({
        hidden: ['sessions', 'seen', 'log', 'counter'],
        fields: (show) => ({ orders: show.count('orders'), typo: show.count('ordrs' as 'orders') }),
      }),
    ).toThrow('snapshot.ordrs: not a piece of the state');
  });
});

import { EmulatorInputError } from '../emulator-errors.js';

/** What a snapshot view is computed with: the emulated time, e.g. for "expired" flags or "active token" counts. */
export interface SnapshotContext {
  /** The emulated clock's time in ms. */
  now: number;
}

/** The records of a Map, Set or array piece. */
type RecordOf<P> =
  P extends ReadonlyMap<unknown, infer V>
    ? V
    : P extends ReadonlySet<infer V>
      ? V
      : P extends readonly (infer V)[]
        ? V
        : never;

/** A record's key: the Map key, the Set value itself, or the array index. */
type KeyOf<P> =
  P extends ReadonlyMap<infer K, unknown>
    ? K
    : P extends ReadonlySet<infer V>
      ? V
      : P extends readonly unknown[]
        ? number
        : never;

/** The pieces of a state that hold records (Maps, Sets, arrays). */
type CollectionPiece<S> = {
  [K in keyof S]: S[K] extends ReadonlyMap<unknown, unknown> | ReadonlySet<unknown> | readonly unknown[]
    ? K
    : never;
}[keyof S] &
  string;

/** The pieces of a state that hold one plain value (a counter, a flag, a name). */
type ScalarPiece<S> = {
  [K in keyof S]: S[K] extends string | number | boolean | null ? K : never;
}[keyof S] &
  string;

/** Reads one record of a piece: the record, its key (Map key, Set value or array index) and the context. */
type RecordReader<P, T> = (record: RecordOf<P>, key: KeyOf<P>, context: SnapshotContext) => T;

/** One field of a snapshot computed from one piece of the state (made by `SnapshotViews`). */
export interface SnapshotView {
  /** The piece it shows. */
  readonly piece: string;
}

/** How each view renders its piece, kept off the view so a layout holds only plain data. */
const renderers = new WeakMap<object, (piece: unknown, context: SnapshotContext) => unknown>();

/** A snapshot's layout: its fields in output order, each a view of one piece or a nested group of fields. */
export interface SnapshotLayout {
  readonly [field: string]: SnapshotView | SnapshotLayout;
}

/** The views a provider lays its snapshot out with; each names the piece it shows. */
export interface SnapshotViews<S> {
  /** How many records the piece holds (only those `where` accepts, when given). */
  count<K extends CollectionPiece<S>>(piece: K, where?: RecordReader<S[K], boolean>): SnapshotView;
  /** Every record of the piece, in its order, as `each` projects it (secrets are left out there). */
  list<K extends CollectionPiece<S>>(piece: K, each: RecordReader<S[K], unknown>): SnapshotView;
  /** The piece's plain value as it is. */
  value<K extends ScalarPiece<S>>(piece: K): SnapshotView;
}

/** How a provider's state appears in `GET /__emulator/state`: every piece is shown by a view or hidden. */
export interface SnapshotDeclaration<S> {
  /** Pieces that never appear, not even counted (bearer tokens, access token indexes, idempotency answers). */
  hidden: readonly (keyof S & string)[];
  /** The snapshot's fields in output order, built from the views (`show.count`, `show.list`, `show.value`). */
  fields(show: SnapshotViews<S>): SnapshotLayout;
}

function recordsOf(piece: unknown): [unknown, unknown][] {
  if (piece instanceof Map) return [...piece.entries()].map(([key, record]) => [record, key]);
  if (piece instanceof Set) return [...piece.values()].map((value) => [value, value]);
  if (Array.isArray(piece)) return piece.map((record, index) => [record, index]);
  return [];
}

function view(piece: string, render: (value: unknown, context: SnapshotContext) => unknown): SnapshotView {
  const created: SnapshotView = Object.freeze({ piece });
  renderers.set(created, render);
  return created;
}

function createViews<S>(): SnapshotViews<S> {
  return {
    count: (piece, where) =>
      view(piece, (value, context) => {
        const records = recordsOf(value);
        if (where === undefined) return records.length;
        const accepts = where as (record: unknown, key: unknown, context: SnapshotContext) => boolean;
        return records.filter(([record, key]) => accepts(record, key, context)).length;
      }),
    list: (piece, each) =>
      view(piece, (value, context) => {
        const project = each as (record: unknown, key: unknown, context: SnapshotContext) => unknown;
        return recordsOf(value).map(([record, key]) => project(record, key, context));
      }),
    value: (piece) => view(piece, (value) => value),
  };
}

function isView(entry: SnapshotView | SnapshotLayout): entry is SnapshotView {
  return renderers.has(entry);
}

function shownPieces(layout: SnapshotLayout, into: Set<string>): Set<string> {
  for (const entry of Object.values(layout)) {
    if (isView(entry)) into.add(entry.piece);
    else shownPieces(entry, into);
  }
  return into;
}

function render(layout: SnapshotLayout, state: object, context: SnapshotContext): Record<string, unknown> {
  const pieces = state as Record<string, unknown>;
  const rendered: Record<string, unknown> = {};
  for (const [field, entry] of Object.entries(layout)) {
    const renderer = renderers.get(entry);
    rendered[field] =
      renderer === undefined
        ? render(entry as SnapshotLayout, state, context)
        : renderer(pieces[(entry as SnapshotView).piece], context);
  }
  return rendered;
}

/**
 * Lays a provider's snapshot out from its declaration, checking that every piece of `state` is either shown or
 * hidden (a new piece cannot reach `GET /__emulator/state` unnoticed), and returns the function that renders it.
 */
export function compileSnapshot<S extends object>(
  state: S,
  declaration: SnapshotDeclaration<S> | undefined,
): (context: SnapshotContext) => Record<string, unknown> {
  if (declaration === undefined) return () => ({});
  const layout = declaration.fields(createViews<S>());
  const shown = shownPieces(layout, new Set());
  const hidden = new Set<string>(declaration.hidden);
  for (const piece of Object.keys(state)) {
    if (shown.has(piece) && hidden.has(piece)) {
      throw new EmulatorInputError(`snapshot.${piece}`, 'a piece is either shown or hidden, not both');
    }
    if (!shown.has(piece) && !hidden.has(piece)) {
      throw new EmulatorInputError(`snapshot.${piece}`, 'every piece of the state must be shown or hidden');
    }
  }
  for (const piece of [...shown, ...hidden]) {
    if (!Object.hasOwn(state, piece)) {
      throw new EmulatorInputError(`snapshot.${piece}`, 'not a piece of the state');
    }
  }
  return (context) => render(layout, state, context);
}

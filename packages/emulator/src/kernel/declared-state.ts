import { restoreInto } from '../state-codec.js';
import { compileSnapshot, type SnapshotContext, type SnapshotDeclaration } from './declared-snapshot.js';

/**
 * A provider module's state declared once: how to build it, which pieces never go to a state file, and how each
 * piece appears in `GET /__emulator/state`.
 */
export interface StateDeclaration<S extends object> {
  /** Builds the empty (or seeded) state: once at creation and again, copied in place, on every reset. */
  create(): S;
  /** Pieces kept out of `--state-file` (e.g. bearer tokens): they come back empty after a restart. */
  transient?: readonly (keyof S & string)[] | undefined;
  /** The snapshot's fields, each a view (count, list, value) of one piece; every other piece is listed as hidden. */
  snapshot?: SnapshotDeclaration<S> | undefined;
}

/** The live state plus reset, export, import and snapshot derived from its declaration. */
export interface DeclaredState<S extends object> {
  /** The live state object; handlers keep holding it (reset and import change it in place). */
  readonly state: S;
  /** Empties every piece in place and seeds it again as `create` does. */
  reset(): void;
  /** Every piece except the transient ones, for `--state-file` (Maps, Sets and arrays as they are). */
  exportState(): Record<string, unknown>;
  /** Replaces every piece in place with what `exportState` returned; transient pieces start empty. */
  importState(saved: Record<string, unknown>): void;
  /** The declared snapshot of the live state (empty when none is declared), for `GET /__emulator/state`. */
  snapshot(context: SnapshotContext): Record<string, unknown>;
}

/** Creates a provider module's state from its declaration, with reset, export, import and snapshot derived from it. */
export function declareState<S extends object>(declaration: StateDeclaration<S>): DeclaredState<S> {
  const state = declaration.create();
  const transient = new Set<string>(declaration.transient ?? []);
  const snapshot = compileSnapshot(state, declaration.snapshot);
  return {
    state,
    reset() {
      restoreInto(state, declaration.create());
    },
    exportState() {
      const exported: Record<string, unknown> = {};
      for (const [name, piece] of Object.entries(state)) if (!transient.has(name)) exported[name] = piece;
      return exported;
    },
    importState(saved) {
      const kept: Record<string, unknown> = {};
      for (const [name, piece] of Object.entries(saved)) if (!transient.has(name)) kept[name] = piece;
      restoreInto(state, kept);
    },
    snapshot,
  };
}

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ControllableClock } from './clock.js';
import { EmulatorInputError } from './emulator-errors.js';
import type { TokenBridge } from './kernel/token-bridge.js';
import { decodeState, encodeState } from './state-codec.js';
import type { ProviderModule } from './types.js';

/** The state file's format version; a file of another version is refused. */
export const STATE_FILE_VERSION = 1;

/** How long after a change the file is written (changes in between are written together). */
const WRITE_DELAY_MS = 25;

/** The emulator's state persisted to one JSON file: loaded at start, written (atomically) after changes. */
export interface StateFile {
  /** The file's path. */
  readonly path: string;
  /** Loads the file into the modules, bridge and clock; false when there is no file yet. */
  load(): boolean;
  /** Notes a change; the file is written shortly after (once for a burst of changes). */
  changed(): void;
  /** Writes now if a change is pending (and cancels the scheduled write). */
  flush(): void;
}

/** What the state file covers. */
export interface StateFileParts {
  modules: readonly ProviderModule[];
  bridge: TokenBridge;
  clock: ControllableClock;
}

function readVersionedState(path: string): Record<string, unknown> {
  let decoded: unknown;
  try {
    decoded = decodeState(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EmulatorInputError(
      'stateFile',
      `${path} is not an emulator state file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const file = decoded as Record<string, unknown> | null;
  if (typeof file !== 'object' || file === null || file['version'] !== STATE_FILE_VERSION) {
    throw new EmulatorInputError(
      'stateFile',
      `${path} is not an emulator state file of version ${STATE_FILE_VERSION}; move it away to start empty`,
    );
  }
  return file;
}

/**
 * Creates the state file of a running emulator. Writes go to a temporary file in the same folder that is then
 * renamed over the old one, so a crash mid-write leaves the previous complete state. Provider modules decide
 * what they keep (the Plaid module keeps access tokens only as SHA-256 hashes).
 */
export function createStateFile(path: string, parts: StateFileParts): StateFile {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;

  const write = (): void => {
    dirty = false;
    const modules: Record<string, unknown> = {};
    for (const module of parts.modules) {
      if (module.exportState !== undefined) modules[module.name] = module.exportState();
    }
    const text = encodeState({
      version: STATE_FILE_VERSION,
      clockOffsetMs: parts.clock.offsetMs(),
      bridge: parts.bridge.exportState(),
      modules,
    });
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  };

  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (dirty) write();
  };

  return {
    path,
    load() {
      if (!existsSync(path)) return false;
      const file = readVersionedState(path);
      const modules = (file['modules'] ?? {}) as Record<string, unknown>;
      for (const module of parts.modules) {
        const saved = modules[module.name];
        if (module.importState !== undefined && typeof saved === 'object' && saved !== null) {
          module.importState(saved as Record<string, unknown>);
        }
      }
      parts.bridge.importState(file['bridge']);
      parts.clock.reset();
      const offset = file['clockOffsetMs'];
      if (typeof offset === 'number' && Number.isFinite(offset) && offset > 0) parts.clock.advance(offset);
      return true;
    },
    changed() {
      dirty = true;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        try {
          if (dirty) write();
        } catch (error) {
          process.emitWarning(
            `achbridge-emulator: could not write the state file ${path}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }, WRITE_DELAY_MS);
      timer.unref();
    },
    flush,
  };
}

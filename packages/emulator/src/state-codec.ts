/**
 * JSON encoding of the emulator's in-memory state for `--state-file`: Maps, Sets and Buffers are tagged so they
 * come back as what they were; everything else is plain JSON.
 */

const MAP = '__emulatorMap';
const SET = '__emulatorSet';
const BUFFER = '__emulatorBuffer';

/** A JSON.stringify replacer that tags Maps, Sets and Buffers. */
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // JSON.stringify calls toJSON on Buffers before the replacer sees them; read the original instead.
  const original = key === '' ? value : this[key];
  if (original instanceof Map) return { [MAP]: [...original.entries()] };
  if (original instanceof Set) return { [SET]: [...original.values()] };
  if (Buffer.isBuffer(original)) return { [BUFFER]: original.toString('base64') };
  return value;
}

/** A JSON.parse reviver that turns tagged values back into Maps, Sets and Buffers. */
function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== 1) return value;
  if (Array.isArray(record[MAP])) return new Map(record[MAP] as Array<[unknown, unknown]>);
  if (Array.isArray(record[SET])) return new Set(record[SET] as unknown[]);
  if (typeof record[BUFFER] === 'string') return Buffer.from(record[BUFFER], 'base64');
  return value;
}

/** Encodes state (Maps, Sets and Buffers included) as JSON text. */
export function encodeState(state: unknown): string {
  return JSON.stringify(state, replacer);
}

/** Decodes `encodeState` output; throws SyntaxError on text that is not JSON. */
export function decodeState(text: string): unknown {
  return JSON.parse(text, reviver);
}

/**
 * Copies decoded state into a live state object in place (handlers keep holding the same Maps): each Map, Set
 * and array of `target` is emptied and refilled from `source`'s field of the same name; numbers, strings and
 * booleans are assigned. Fields `source` lacks are left empty (Maps, Sets, arrays) or unchanged.
 */
export function restoreInto(target: object, source: unknown): void {
  const from = typeof source === 'object' && source !== null ? (source as Record<string, unknown>) : {};
  const into = target as Record<string, unknown>;
  for (const [name, current] of Object.entries(into)) {
    const saved = from[name];
    if (current instanceof Map) {
      current.clear();
      if (saved instanceof Map) for (const [key, value] of saved) current.set(key, value);
    } else if (current instanceof Set) {
      current.clear();
      if (saved instanceof Set) for (const value of saved) current.add(value);
    } else if (Array.isArray(current)) {
      current.length = 0;
      if (Array.isArray(saved)) current.push(...saved);
    } else if (saved !== undefined && typeof saved === typeof current) {
      into[name] = saved;
    }
  }
}

/** Deepest nesting of objects and arrays a JSON request body may have. */
export const MAX_JSON_DEPTH = 64;

/** The outcome of `parseJsonSafely`. */
export type SafeJsonResult = { ok: true; value: unknown } | { ok: false; reason: 'syntax' | 'too_deep' };

/** How deeply `text` nests `{` and `[` outside strings (a linear scan; no recursion). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return deepest;
}

/**
 * Turns every object of a freshly parsed JSON value into a null-prototype copy (arrays are kept and their
 * items converted in place), so no key (`__proto__`, `constructor`) is special. One pass after `JSON.parse`:
 * a reviver would do the same work at several times the cost per request. The depth is bounded by the
 * caller's `maxDepth` check.
 */
function nullPrototype(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = nullPrototype(value[index]);
    return value;
  }
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) copy[key] = nullPrototype((value as Record<string, unknown>)[key]);
  return copy;
}

/**
 * Parses a JSON request body into null-prototype objects (no key can reach `Object.prototype`), refusing
 * bodies nested deeper than `maxDepth` before parsing them.
 */
export function parseJsonSafely(text: string, maxDepth = MAX_JSON_DEPTH): SafeJsonResult {
  if (nestingDepth(text) > maxDepth) return { ok: false, reason: 'too_deep' };
  try {
    return { ok: true, value: nullPrototype(JSON.parse(text)) };
  } catch {
    return { ok: false, reason: 'syntax' };
  }
}

/** Whether `text` is valid percent-encoding (every `%` starts a hex pair and the bytes are UTF-8). */
export function isValidPercentEncoding(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

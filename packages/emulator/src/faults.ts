import { createUuid } from './ids.js';
import { compilePathPattern, type PathPattern } from './path-pattern.js';

/** What an injected fault does to a matching request. */
export type FaultKind = 'status' | 'delay' | 'drop' | 'malformed' | 'lost_response';

/** The fault kinds, for validation and docs. */
export const FAULT_KINDS: readonly FaultKind[] = ['status', 'delay', 'drop', 'malformed', 'lost_response'];

/** A fault as requested through the control API (see README "Faults"). */
export interface FaultSpec {
  /** HTTP method to match, or `*` (default) for any. */
  method?: string | undefined;
  /** Full request path (with the provider prefix), exact or a `*` / `**` glob. */
  path: string;
  /** What happens to a matching request. */
  kind: FaultKind;
  /** `status` faults: the HTTP status answered with the provider's error body. */
  status?: number | undefined;
  /** `status` faults: seconds for a `Retry-After` header. */
  retryAfterSeconds?: number | undefined;
  /** `status` faults: answer with an HTML page like a proxy or CDN error. */
  html?: boolean | undefined;
  /** `delay` faults: how long to wait before handling the request normally. */
  delayMs?: number | undefined;
  /** How many matching requests get the fault (default 1; unlimited when `every` is set). */
  times?: number | undefined;
  /** Apply to every k-th matching request only (k, 2k, 3k, …). */
  every?: number | undefined;
}

/** A registered fault and its counters, as listed by `GET /__emulator/faults`. */
export interface FaultRule {
  id: string;
  method: string;
  path: string;
  kind: FaultKind;
  status: number | null;
  retryAfterSeconds: number | null;
  html: boolean;
  delayMs: number | null;
  /** Applications left, or null for unlimited. */
  remaining: number | null;
  every: number | null;
  /** Matching requests seen so far. */
  matched: number;
  /** Times the fault was applied so far. */
  applied: number;
}

/** The in-memory list of active faults. */
export interface FaultRegistry {
  /** Registers a fault (already validated) and returns it. */
  add(spec: FaultSpec): FaultRule;
  /** Active faults in registration order. */
  list(): FaultRule[];
  /** Removes one fault; false if unknown. */
  remove(id: string): boolean;
  /** Removes every fault. */
  clear(): void;
  /** Counts a request against the faults and returns the one to apply, if any. */
  take(method: string, path: string): FaultRule | undefined;
}

interface Entry {
  rule: FaultRule;
  pattern: PathPattern;
}

/** Creates an empty fault registry; the first matching fault that fires wins. */
export function createFaultRegistry(): FaultRegistry {
  let entries: Entry[] = [];
  return {
    add(spec) {
      const every = spec.every ?? null;
      const rule: FaultRule = {
        id: `fault_${createUuid()}`,
        method: (spec.method ?? '*').toUpperCase(),
        path: spec.path,
        kind: spec.kind,
        status: spec.status ?? null,
        retryAfterSeconds: spec.retryAfterSeconds ?? null,
        html: spec.html ?? false,
        delayMs: spec.delayMs ?? null,
        remaining: spec.times ?? (every === null ? 1 : null),
        every,
        matched: 0,
        applied: 0,
      };
      entries.push({ rule, pattern: compilePathPattern(spec.path) });
      return { ...rule };
    },
    list: () => entries.map((entry) => ({ ...entry.rule })),
    remove(id) {
      const before = entries.length;
      entries = entries.filter((entry) => entry.rule.id !== id);
      return entries.length !== before;
    },
    clear() {
      entries = [];
    },
    take(method, path) {
      if (entries.length === 0) return undefined;
      for (const entry of entries) {
        const { rule } = entry;
        if (rule.method !== '*' && rule.method !== method) continue;
        if (!entry.pattern.matches(path)) continue;
        rule.matched += 1;
        if (rule.every !== null && rule.matched % rule.every !== 0) continue;
        rule.applied += 1;
        if (rule.remaining !== null) {
          rule.remaining -= 1;
          if (rule.remaining <= 0) entries = entries.filter((other) => other !== entry);
        }
        return { ...rule };
      }
      return undefined;
    },
  };
}

import type { DwollaDuplicateAnswer, EmulatorClock, EmulatorRequest, ProviderBridge } from '../types.js';
import type { DwollaEventLog } from './dwolla-events.js';
import type { DwollaLinks } from './dwolla-links.js';
import type { DwollaState } from './dwolla-state.js';

/** What every Dwolla route handler works with. */
export interface DwollaContext {
  state: DwollaState;
  events: DwollaEventLog;
  clock: EmulatorClock;
  bridge: ProviderBridge;
  /** How a duplicate bank on funding-source creation is answered (default `ValidationError`). */
  duplicateAnswer?: DwollaDuplicateAnswer | undefined;
}

/** One routed request: the raw request, the path parameters and a link builder for its origin. */
export interface DwollaRouteRequest {
  request: EmulatorRequest;
  /** Path parameters in order, ids lower-cased. */
  params: string[];
  links: DwollaLinks;
}

/** The emulated time as an ISO-8601 string. */
export function isoNow(context: DwollaContext): string {
  return new Date(context.clock.now()).toISOString();
}

import type { TokenBridge } from '../kernel/token-bridge.js';
import type { DwollaDuplicateAnswer, EmulatorClock, EmulatorRequest } from '../types.js';
import type { DwollaEventLog } from './dwolla-events.js';
import type { DwollaLinks } from './dwolla-links.js';
import type { DwollaState } from './dwolla-state.js';

/** The Plaid processor name Dwolla's processor tokens are minted under (Plaid's `processor: 'dwolla'`). */
export const DWOLLA_PROCESSOR = 'dwolla';

/** What every Dwolla route handler works with. */
export interface DwollaContext {
  state: DwollaState;
  events: DwollaEventLog;
  clock: EmulatorClock;
  bridge: TokenBridge;
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

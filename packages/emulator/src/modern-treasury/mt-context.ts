import type { TokenBridge } from '../kernel/token-bridge.js';
import type { EmulatorClock, EmulatorRequest, EmulatorResponse } from '../types.js';
import type { MtState } from './mt-state.js';

/** What every Modern Treasury handler works with. */
export interface MtContext {
  state: MtState;
  clock: EmulatorClock;
  bridge: TokenBridge;
}

/** One authenticated request: its mode (sandbox key → `live_mode: false`) and path parameters. */
export interface MtRouteRequest {
  request: EmulatorRequest;
  params: string[];
  liveMode: boolean;
}

/** One endpoint of the emulated Modern Treasury. */
export interface MtRoute {
  method: 'GET' | 'POST';
  /** A path below `/modern-treasury`, with `:id` segments, e.g. `/api/payment_orders/:id`. */
  path: string;
  handler: (context: MtContext, route: MtRouteRequest) => EmulatorResponse;
}

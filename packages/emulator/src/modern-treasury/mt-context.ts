import type { Route } from '../kernel/router.js';
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

/** What handles one endpoint of the emulated Modern Treasury. */
export type MtHandler = (context: MtContext, route: MtRouteRequest) => EmulatorResponse;

/** One endpoint of the emulated Modern Treasury for the kernel router (a path below `/modern-treasury` with `:id` segments). */
export type MtRoute = Route<MtHandler>;

import type { Route } from '../kernel/router.js';
import type { EmulatorResponse } from '../types.js';
import type { DwollaContext, DwollaRouteRequest } from './dwolla-context.js';

/** What handles one Dwolla endpoint. */
export type DwollaHandler = (context: DwollaContext, route: DwollaRouteRequest) => EmulatorResponse;

/** One Dwolla endpoint for the kernel router: method, a `/customers/:id/funding-sources` pattern and its handler. */
export type DwollaRoute = Route<DwollaHandler>;

/** Dwolla's URL rules for the kernel router: paths match case-insensitively and ids are lower-cased. */
export const DWOLLA_ROUTER_OPTIONS = {
  caseInsensitive: true,
  normaliseParam: (value: string) => value.toLowerCase(),
} as const;

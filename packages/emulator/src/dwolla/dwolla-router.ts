import type { EmulatorResponse } from '../types.js';
import type { DwollaContext, DwollaRouteRequest } from './dwolla-context.js';

/** One Dwolla endpoint: method, path pattern with `:name` segments, and its handler. */
export interface DwollaRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** E.g. `/customers/:id/funding-sources`. */
  path: string;
  handler: (context: DwollaContext, route: DwollaRouteRequest) => EmulatorResponse;
}

/** The outcome of matching a request against the route table. */
export type DwollaRouteMatch =
  | { kind: 'found'; route: DwollaRoute; params: string[] }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/** Matches method + path against a growing route table. */
export interface DwollaRouter {
  add(routes: readonly DwollaRoute[]): void;
  match(method: string, path: string): DwollaRouteMatch;
}

interface CompiledRoute {
  route: DwollaRoute;
  pattern: RegExp;
}

function compile(route: DwollaRoute): CompiledRoute {
  const source = route.path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`, 'i') };
}

/** Creates a router over the given routes. */
export function createDwollaRouter(routes: readonly DwollaRoute[]): DwollaRouter {
  const compiled = routes.map(compile);
  return {
    add(more) {
      compiled.push(...more.map(compile));
    },
    match(method, path) {
      let pathKnown = false;
      for (const { route, pattern } of compiled) {
        const match = pattern.exec(path);
        if (!match) continue;
        pathKnown = true;
        if (route.method === method) {
          const params = match.slice(1).map((value) => decodeURIComponent(value).toLowerCase());
          return { kind: 'found', route, params };
        }
      }
      return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
    },
  };
}

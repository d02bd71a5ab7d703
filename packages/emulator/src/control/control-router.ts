import type { ControllableClock } from '../clock.js';
import { EmulatorInputError } from '../emulator-errors.js';
import type { FaultRegistry } from '../faults.js';
import { parseFaultSpec } from '../faults-parse.js';
import { createRequestId } from '../ids.js';
import type { TokenBridge } from '../kernel/token-bridge.js';
import type { EmulatorRequest, EmulatorResponse, ProviderModule } from '../types.js';
import { parseClockCommand } from './control-clock.js';
import { controlAllowedHosts, guardControlRequest } from './control-guard.js';
import { controlError, parseControlJson } from './control-json.js';
import { handleProviderOperation } from './control-operations.js';
import { listWebhookDeliveries } from './control-webhooks.js';

/** What the control API operates on. */
export interface ControlRouterOptions {
  modules: readonly ProviderModule[];
  faults: FaultRegistry;
  clock: ControllableClock;
  bridge: TokenBridge;
  /** Host names the control API answers besides loopback (default: loopback only). */
  host?: string;
}

/** Creates the handler for `/__emulator/…` (reset, state, clock, faults, webhooks and provider-specific routes). */
export function createControlRouter(
  options: ControlRouterOptions,
): (request: EmulatorRequest) => Promise<EmulatorResponse> {
  const { modules, faults, clock, bridge } = options;

  const clockView = () => ({
    now: new Date(clock.now()).toISOString(),
    nowMs: clock.now(),
    offsetMs: clock.offsetMs(),
  });

  const route = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const path = request.path.replace(/\/+$/, '') || '/';
    const { method } = request;
    if (path === '/__emulator/health' && method === 'GET') return ok({ ok: true });
    if (path === '/__emulator/reset' && method === 'POST') {
      for (const module of modules) module.reset();
      bridge.reset();
      faults.clear();
      clock.reset();
      return ok({ reset: true });
    }
    if (path === '/__emulator/state' && method === 'GET') {
      const state: Record<string, unknown> = {
        clock: clockView(),
        faults: faults.list(),
        bridge: bridge.counts(),
      };
      for (const module of modules) state[module.name] = module.snapshot();
      return ok(state);
    }
    if (path === '/__emulator/clock') {
      if (method === 'GET') return ok(clockView());
      if (method === 'POST') {
        const command = parseClockCommand(parseControlJson(request));
        if (command.reset) clock.reset();
        if (command.advanceMs > 0) clock.advance(command.advanceMs);
        return ok(clockView());
      }
    }
    if (path === '/__emulator/faults') {
      if (method === 'GET') return ok({ faults: faults.list() });
      if (method === 'POST')
        return { status: 201, body: { fault: faults.add(parseFaultSpec(parseControlJson(request))) } };
      if (method === 'DELETE') {
        faults.clear();
        return ok({ faults: [] });
      }
    }
    if (path === '/__emulator/webhooks' && method === 'GET') {
      return ok({ deliveries: listWebhookDeliveries(modules, request.query.get('provider')) });
    }
    if (path.startsWith('/__emulator/faults/') && method === 'DELETE') {
      const id = decodeURIComponent(path.slice('/__emulator/faults/'.length));
      return faults.remove(id)
        ? ok({ deleted: id })
        : controlError(404, 'not_found', `No fault with id ${id}.`);
    }
    const operation = await handleProviderOperation(modules, request, path);
    if (operation !== undefined) return operation;
    for (const module of modules) {
      const mount = `/__emulator/${module.name}`;
      if (module.handleControl && (path === mount || path.startsWith(`${mount}/`))) {
        return module.handleControl({ ...request, path: path.slice(mount.length) || '/' });
      }
    }
    return controlError(404, 'not_found', `No control route ${method} ${path}.`);
  };

  const allowedHosts = controlAllowedHosts(options.host ?? '127.0.0.1');

  return async (request) => {
    let response: EmulatorResponse;
    try {
      response = guardControlRequest(request, allowedHosts) ?? (await route(request));
    } catch (error) {
      if (!(error instanceof EmulatorInputError)) throw error;
      response = controlError(400, 'invalid_input', error.message, error.field);
    }
    return { ...response, headers: { ...response.headers, 'X-Request-Id': createRequestId() } };
  };
}

function ok(body: unknown): EmulatorResponse {
  return { status: 200, body };
}

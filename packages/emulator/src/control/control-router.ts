import type { ControllableClock } from '../clock.js';
import { EmulatorInputError } from '../emulator-errors.js';
import type { FaultRegistry } from '../faults.js';
import { parseFaultSpec } from '../faults-parse.js';
import { createRequestId } from '../ids.js';
import { createRouter } from '../kernel/router.js';
import type { TokenBridge } from '../kernel/token-bridge.js';
import type { EmulatorRequest, EmulatorResponse, ProviderModule } from '../types.js';
import { parseClockCommand } from './control-clock.js';
import { controlAllowedHosts, guardControlRequest } from './control-guard.js';
import { controlError, parseControlJson } from './control-json.js';
import { returnPaymentOperation } from './control-operations.js';
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

/** What handles one control route: the request and its decoded path parameters. */
type ControlHandler = (
  request: EmulatorRequest,
  params: Readonly<Record<string, string>>,
) => EmulatorResponse | Promise<EmulatorResponse>;

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

  const router = createRouter<ControlHandler>([
    { method: 'GET', path: '/__emulator/health', handler: () => ok({ ok: true }) },
    {
      method: 'POST',
      path: '/__emulator/reset',
      handler: () => {
        for (const module of modules) module.reset();
        bridge.reset();
        faults.clear();
        clock.reset();
        return ok({ reset: true });
      },
    },
    {
      method: 'GET',
      path: '/__emulator/state',
      handler: () => {
        const state: Record<string, unknown> = {
          clock: clockView(),
          faults: faults.list(),
          bridge: bridge.counts(),
        };
        for (const module of modules) state[module.name] = module.snapshot();
        return ok(state);
      },
    },
    { method: 'GET', path: '/__emulator/clock', handler: () => ok(clockView()) },
    {
      method: 'POST',
      path: '/__emulator/clock',
      handler: (request) => {
        const command = parseClockCommand(parseControlJson(request));
        if (command.reset) clock.reset();
        if (command.advanceMs > 0) clock.advance(command.advanceMs);
        return ok(clockView());
      },
    },
    { method: 'GET', path: '/__emulator/faults', handler: () => ok({ faults: faults.list() }) },
    {
      method: 'POST',
      path: '/__emulator/faults',
      handler: (request) => ({
        status: 201,
        body: { fault: faults.add(parseFaultSpec(parseControlJson(request))) },
      }),
    },
    {
      method: 'DELETE',
      path: '/__emulator/faults',
      handler: () => {
        faults.clear();
        return ok({ faults: [] });
      },
    },
    {
      method: 'DELETE',
      path: '/__emulator/faults/:id',
      handler: (_request, { id = '' }) =>
        faults.remove(id) ? ok({ deleted: id }) : controlError(404, 'not_found', `No fault with id ${id}.`),
    },
    {
      method: 'GET',
      path: '/__emulator/webhooks',
      handler: (request) => ok({ deliveries: listWebhookDeliveries(modules, request.query.get('provider')) }),
    },
    {
      method: 'POST',
      path: '/__emulator/:provider/payments/:paymentId/return',
      handler: (request, { provider = '', paymentId = '' }) =>
        returnPaymentOperation(modules, request, provider, paymentId),
    },
  ]);

  const route = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const path = request.path.replace(/\/+$/, '') || '/';
    const { method } = request;
    const match = router.match(method, path);
    if (match.kind === 'found') return match.route.handler(request, match.params);
    if (match.kind === 'method-not-allowed') {
      const answer = controlError(405, 'method_not_allowed', `${method} is not allowed on ${path}.`);
      return { ...answer, headers: { Allow: match.allow.join(', ') } };
    }
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

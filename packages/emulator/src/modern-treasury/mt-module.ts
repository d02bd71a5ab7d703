import { declareState } from '../kernel/declared-state.js';
import { createIdempotencyStore } from '../kernel/idempotency-store.js';
import { declaredLifecycle, guardHandle } from '../kernel/module-lifecycle.js';
import { createRouter } from '../kernel/router.js';
import type { EmulatorRequest, EmulatorResponse, ModuleContext, ProviderModule } from '../types.js';
import { authenticateMt } from './mt-auth.js';
import type { MtContext, MtRoute } from './mt-context.js';
import { handleMtControl } from './mt-control.js';
import { createCounterparty, getCounterparty, listCounterparties } from './mt-counterparties.js';
import { MODERN_TREASURY_CREDENTIALS, type ModernTreasuryCredentials } from './mt-credentials.js';
import { ModernTreasuryEmulatorError, resourceNotFound, serverError } from './mt-errors.js';
import {
  createExternalAccount,
  getExternalAccount,
  listExternalAccounts,
  MODERN_TREASURY_PROCESSOR,
} from './mt-external-accounts.js';
import { mtFaultResponse } from './mt-faults.js';
import { MT_IDEMPOTENCY_POLICY } from './mt-idempotency.js';
import {
  createPaymentOrder,
  getInternalAccount,
  getPaymentOrder,
  listInternalAccounts,
  listPaymentOrders,
  listReturns,
} from './mt-payment-orders.js';
import { createMtState, MT_STATE_SNAPSHOT } from './mt-state.js';

const ROUTES: readonly MtRoute[] = [
  { method: 'GET', path: '/api/ping', handler: () => ({ status: 200, body: { ping: 'pong' } }) },
  { method: 'POST', path: '/api/counterparties', handler: createCounterparty },
  { method: 'GET', path: '/api/counterparties', handler: listCounterparties },
  { method: 'GET', path: '/api/counterparties/:id', handler: getCounterparty },
  { method: 'POST', path: '/api/external_accounts', handler: createExternalAccount },
  { method: 'GET', path: '/api/external_accounts', handler: listExternalAccounts },
  { method: 'GET', path: '/api/external_accounts/:id', handler: getExternalAccount },
  { method: 'GET', path: '/api/internal_accounts', handler: listInternalAccounts },
  { method: 'GET', path: '/api/internal_accounts/:id', handler: getInternalAccount },
  { method: 'POST', path: '/api/payment_orders', handler: createPaymentOrder },
  { method: 'GET', path: '/api/payment_orders', handler: listPaymentOrders },
  { method: 'GET', path: '/api/payment_orders/:id', handler: getPaymentOrder },
  { method: 'GET', path: '/api/returns', handler: listReturns },
];

const ROUTER = createRouter(ROUTES);

/** Options of the emulated Modern Treasury. */
export interface ModernTreasuryModuleOptions {
  /** The organization id and API keys it accepts (default `MODERN_TREASURY_CREDENTIALS`). */
  credentials?: ModernTreasuryCredentials;
}

/**
 * Creates the emulated Modern Treasury mounted on `/modern-treasury` (point the SDK's `baseURL` there):
 * HTTP Basic authentication with an organization id and a sandbox or production API key (`live_mode`
 * follows the key), counterparties (with `accounts[]`), external accounts from a Plaid processor token
 * (`processor: 'modern_treasury'`, claimed once through the bridge) or from account numbers, a seeded
 * internal account per mode, ACH payment orders that move `approved → processing → sent → completed`
 * (or `failed`, or `returned` with a return) on the emulated clock, returns, list pagination with
 * `X-After-Cursor`, Idempotency-Key replays (see `mt-idempotency.ts`) and errors in Modern Treasury's
 * `{ errors: { code, message, parameter } }` format.
 */
export function createModernTreasuryModule(
  context: ModuleContext,
  options: ModernTreasuryModuleOptions = {},
): ProviderModule {
  const credentials = options.credentials ?? MODERN_TREASURY_CREDENTIALS;
  context.bridge.declare({ processor: MODERN_TREASURY_PROCESSOR });
  const declared = declareState({
    create: () => createMtState(context.clock.now()),
    snapshot: MT_STATE_SNAPSHOT,
  });
  const { state } = declared;
  const mt: MtContext = { state, clock: context.clock, bridge: context.bridge };
  const idempotency = createIdempotencyStore(state.idempotency, context.clock, MT_IDEMPOTENCY_POLICY);

  function route(request: EmulatorRequest): EmulatorResponse {
    const caller = authenticateMt(request.headers, credentials);
    const found = ROUTER.match(request.method, request.path);
    // Modern Treasury answers a known path with another method like an unknown one.
    if (found.kind !== 'found') throw resourceNotFound('path');
    const replayed = idempotency.replay({ request, scope: caller.apiKey });
    if (replayed) return replayed;
    const response = found.route.handler(mt, {
      request,
      params: [...found.values],
      liveMode: caller.liveMode,
    });
    idempotency.remember({ request, scope: caller.apiKey }, response);
    return response;
  }

  return {
    name: 'modern-treasury',
    prefix: '/modern-treasury',
    handle: guardHandle(route, ModernTreasuryEmulatorError, () => serverError().toResponse()),
    faultResponse: mtFaultResponse,
    malformedRequest: (message) =>
      new ModernTreasuryEmulatorError(400, 'parameter_invalid', message, null).toResponse(),
    controlOperations: {
      returnPayment: (paymentId) => `/payment-orders/${encodeURIComponent(paymentId)}/return`,
    },
    async handleControl(request) {
      return handleMtControl(mt, request);
    },
    ...declaredLifecycle(declared, context.clock),
  };
}

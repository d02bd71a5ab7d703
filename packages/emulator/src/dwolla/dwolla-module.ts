import { declareState } from '../kernel/declared-state.js';
import { createIdempotencyStore } from '../kernel/idempotency-store.js';
import { guardHandle } from '../kernel/module-lifecycle.js';
import { createRouter } from '../kernel/router.js';
import type { EmulatorRequest, EmulatorResponse, ModuleContext, ProviderModule } from '../types.js';
import { createDwollaAuth } from './dwolla-auth.js';
import { assertDwollaContext } from './dwolla-config.js';
import { DWOLLA_PROCESSOR, type DwollaContext } from './dwolla-context.js';
import { handleDwollaControl } from './dwolla-control.js';
import { createCustomer, getCustomer, listCustomers } from './dwolla-customers.js';
import { badRequest, DwollaApiError, dwollaError, notFound, serverError } from './dwolla-errors.js';
import { createDwollaEventLog, type DwollaEventListener, type DwollaEventRecord } from './dwolla-events.js';
import {
  createExchange,
  getExchange,
  getExchangePartner,
  listExchangePartners,
  listExchanges,
} from './dwolla-exchanges.js';
import { dwollaFaultResponse } from './dwolla-faults.js';
import { createFundingSource } from './dwolla-funding-source-create.js';
import { getFundingSource, listFundingSources, updateFundingSource } from './dwolla-funding-sources.js';
import { DWOLLA_IDEMPOTENCY_POLICY } from './dwolla-idempotency.js';
import { createDwollaLinks } from './dwolla-links.js';
import { DWOLLA_MEDIA_TYPE } from './dwolla-media.js';
import { getEvent, getRoot, listEvents } from './dwolla-root.js';
import { DWOLLA_ROUTER_OPTIONS, type DwollaRoute } from './dwolla-router.js';
import { createDwollaState, DWOLLA_STATE_SNAPSHOT } from './dwolla-state.js';
import { DWOLLA_TRANSFER_ROUTES } from './dwolla-transfer-routes.js';
import { settleDueTransfers } from './dwolla-transfer-settlement.js';

/** The emulated Dwolla Sandbox, with hooks for the webhook feature. */
export interface DwollaModule extends ProviderModule {
  readonly name: 'dwolla';
  /** Everything recorded so far (customer created/verified, funding source added/verified/removed), oldest first. */
  events(): readonly DwollaEventRecord[];
  /** Subscribes to new events (called synchronously after the change); returns the unsubscribe function. */
  onEvent(listener: DwollaEventListener): () => void;
  /** Mounts more authenticated endpoints, e.g. `/webhook-subscriptions`. */
  addRoutes(routes: readonly DwollaRoute[]): void;
}

const ROUTES: readonly DwollaRoute[] = [
  { method: 'GET', path: '/', handler: getRoot },
  { method: 'POST', path: '/customers', handler: createCustomer },
  { method: 'GET', path: '/customers', handler: listCustomers },
  { method: 'GET', path: '/customers/:id', handler: getCustomer },
  { method: 'POST', path: '/customers/:id/funding-sources', handler: createFundingSource },
  { method: 'GET', path: '/customers/:id/funding-sources', handler: listFundingSources },
  { method: 'POST', path: '/customers/:id/exchanges', handler: createExchange },
  { method: 'GET', path: '/customers/:id/exchanges', handler: listExchanges },
  { method: 'GET', path: '/exchanges/:id', handler: getExchange },
  { method: 'GET', path: '/exchange-partners', handler: listExchangePartners },
  { method: 'GET', path: '/exchange-partners/:id', handler: getExchangePartner },
  { method: 'GET', path: '/funding-sources/:id', handler: getFundingSource },
  { method: 'POST', path: '/funding-sources/:id', handler: updateFundingSource },
  { method: 'GET', path: '/events', handler: listEvents },
  { method: 'GET', path: '/events/:id', handler: getEvent },
  ...DWOLLA_TRANSFER_ROUTES,
];

function acceptsDwollaMediaType(request: EmulatorRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.toLowerCase().includes(DWOLLA_MEDIA_TYPE);
}

/** Dwolla's 405 with the methods the path has in `Allow`. */
function methodNotAllowed(allow: readonly string[]): DwollaApiError {
  return new DwollaApiError(
    405,
    { code: 'MethodNotAllowed', message: 'Method not allowed.' },
    { Allow: allow.join(', ') },
  );
}

function normalisePath(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * Creates the emulated Dwolla Sandbox mounted on `/dwolla`: OAuth client-credentials tokens on the emulated
 * clock, customers, funding sources from Plaid processor tokens / Secure Exchange / account numbers,
 * soft removal, Idempotency-Key replays, HAL+JSON answers and Dwolla-shaped errors.
 *
 * Behaviour choices where Dwolla's documentation is silent (each is covered by a unit test):
 * - Checks run in this order: `Accept` (406 `InvalidVersion`), bearer token (401), route (404/405),
 *   idempotent replay, handler. `/token` needs no `Accept` (dwolla-v2 sends none there).
 * - Processor tokens: Dwolla uses a token once to read the account from Plaid and keeps nothing. Plaid
 *   processor tokens stay valid until the Item is removed, so re-using one works like a fresh one: the
 *   same customer gets `DuplicateResource` (same bank), another customer gets a new funding source with the
 *   same fingerprint. Unknown or revoked (Item removed) tokens: 400 `ValidationError`, `Invalid` on
 *   `/plaidToken`; funding sources created earlier are unaffected.
 * - Exchanges: an unknown/revoked token or a non-Plaid partner -> 400 `InvalidExchangeToken`; an exchange
 *   yields one funding source, a second use -> 400 `ValidationError` "Authorization already associated
 *   to a funding source."; the Item removed in between -> 400 `InvalidExchangeToken`.
 * - Removing a removed funding source (or a balance) -> 403 `InvalidResourceState`.
 * - Idempotency: see `dwolla-idempotency.ts` (same key + different body = a new request).
 */
export function createDwollaModule(context: ModuleContext): DwollaModule {
  assertDwollaContext(context);
  context.bridge.declare({ processor: DWOLLA_PROCESSOR, stateKey: 'dwollaProcessorTokens' });
  // Bearer tokens are not kept in a state file: after a restart clients get a 401 and fetch a new token.
  const declared = declareState({
    create: createDwollaState,
    transient: ['accessTokens'],
    snapshot: DWOLLA_STATE_SNAPSHOT,
  });
  const { state } = declared;
  const events = createDwollaEventLog();
  const dwolla: DwollaContext = {
    state,
    events,
    clock: context.clock,
    bridge: context.bridge,
    duplicateAnswer: context.options.dwollaDuplicateAnswer,
  };
  const auth = createDwollaAuth({
    state,
    clock: context.clock,
    credentials: context.credentials.dwolla,
    tokenTtlSeconds: context.options.dwollaTokenTtlSeconds,
  });
  const idempotency = createIdempotencyStore(state.idempotency, context.clock, DWOLLA_IDEMPOTENCY_POLICY);
  const router = createRouter(ROUTES, DWOLLA_ROUTER_OPTIONS);

  function route(request: EmulatorRequest): EmulatorResponse {
    const path = normalisePath(request.path);
    if (path.toLowerCase() === '/token') {
      if (request.method !== 'POST') throw methodNotAllowed(['POST']);
      return auth.handleTokenRequest(request);
    }
    if (!acceptsDwollaMediaType(request)) {
      throw dwollaError(406, 'InvalidVersion', 'Missing or invalid API version.');
    }
    auth.authenticate(request.headers);
    settleDueTransfers(dwolla);
    const match = router.match(request.method, path);
    if (match.kind === 'not-found') throw notFound();
    if (match.kind === 'method-not-allowed') {
      throw methodNotAllowed(match.allow);
    }
    const replayed = idempotency.replay({ request });
    if (replayed) return replayed;
    const response = match.route.handler(dwolla, {
      request,
      params: [...match.values],
      links: createDwollaLinks(request.origin),
    });
    idempotency.remember({ request }, response);
    return response;
  }

  return {
    name: 'dwolla',
    prefix: '/dwolla',
    handle: guardHandle(route, DwollaApiError, () => serverError().toResponse()),
    faultResponse: dwollaFaultResponse,
    malformedRequest: (message) => badRequest(message).toResponse(),
    snapshot() {
      settleDueTransfers(dwolla);
      const { idempotencyKeys, ...views } = declared.snapshot({ now: context.clock.now() });
      // The event log lives outside the declared state (it has subscribers); it keeps its place before the count.
      const listed = events.list().map((event) => ({
        id: event.id,
        topic: event.topic,
        resourceId: event.resourceId,
        created: event.created,
      }));
      return { ...views, events: listed, idempotencyKeys };
    },
    reset() {
      declared.reset();
      events.clear();
    },
    exportState: declared.exportState,
    importState: declared.importState,
    controlOperations: {
      returnPayment: (paymentId) => `/transfers/${encodeURIComponent(paymentId)}/return`,
    },
    handleControl: (request) => handleDwollaControl(dwolla, request),
    events: () => events.list(),
    onEvent: (listener) => events.subscribe(listener),
    addRoutes(routes) {
      router.add(routes);
    },
  };
}

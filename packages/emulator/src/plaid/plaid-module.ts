import { createRequestId } from '../ids.js';
import { declareState } from '../kernel/declared-state.js';
import { checkFields } from '../kernel/field-spec.js';
import { createRouter } from '../kernel/router.js';
import type { EmulatorRequest, EmulatorResponse, ModuleContext, ProviderModule } from '../types.js';
import { createModuleDeliverer } from '../webhooks/module-webhooks.js';
import type { PlaidContext } from './plaid-context.js';
import { handlePlaidControl } from './plaid-control.js';
import { PlaidApiError, plaidError } from './plaid-errors.js';
import { plaidFieldError } from './plaid-field-errors.js';
import { parsePlaidRequest } from './plaid-request.js';
import { plaidFailure, plaidFaultResponse, plaidSuccess } from './plaid-responses.js';
import { PLAID_ROUTES } from './plaid-routes.js';
import { createPlaidState, PLAID_STATE_SNAPSHOT, type PlaidItem } from './plaid-state.js';
import { createPlaidWebhookKeyStore } from './plaid-webhook-keys.js';
import { PLAID_WEBHOOK_RETRY_DELAYS_MS } from './plaid-webhook-retries.js';
import { createPlaidWebhookSender } from './plaid-webhook-sender.js';
import { createPlaidWebhookEmitter } from './plaid-webhooks.js';

/** Creates the emulated Plaid Sandbox, mounted on `/plaid` of the emulator's server. */
export function createPlaidModule(context: ModuleContext): ProviderModule {
  // Access tokens are kept by their SHA-256 only (`accessTokenItems`): the state file never holds a usable token.
  const declared = declareState({
    create: createPlaidState,
    transient: ['itemsByAccessToken'],
    snapshot: PLAID_STATE_SNAPSHOT,
  });
  const { state } = declared;
  const plaid: PlaidContext = {
    state,
    clock: context.clock,
    bridge: context.bridge,
    webhooks: createPlaidWebhookEmitter(state, context.clock),
    keys: createPlaidWebhookKeyStore(context.clock),
  };
  // A non-200 answer or none within the timeout is retried: twice, quickly (the FAQ's rule, for tests), or
  // on Plaid's documented schedule on the emulated clock with `webhookRetries: 'provider'`.
  const deliverer = createModuleDeliverer(context, {
    provider: 'plaid',
    accepts: (status) => status === 200,
    providerSchedule: PLAID_WEBHOOK_RETRY_DELAYS_MS,
  });
  plaid.webhooks.setDispatcher(createPlaidWebhookSender(plaid.keys, context.clock, deliverer));

  const router = createRouter(
    [...PLAID_ROUTES].map(([path, handler]) => ({ method: 'POST', path, handler })),
    { strictTrailingSlash: true },
  );
  const answer = (request: EmulatorRequest, requestId: string): EmulatorResponse => {
    const match = router.match(request.method, request.path);
    // Plaid answers every path and method it does not serve (all its endpoints are POST) with NOT_FOUND.
    if (match.kind !== 'found') throw plaidError('NOT_FOUND', `not found: ${request.method} ${request.path}`);
    const route = match.route.handler;
    const body = parsePlaidRequest(request, context.credentials.plaid);
    const invalid = plaidFieldError(checkFields(body, { fields: route.fields, unknown: 'reject' }));
    if (invalid !== undefined) throw invalid;
    return plaidSuccess(route.handle(plaid, body), requestId);
  };

  return {
    name: 'plaid',
    prefix: '/plaid',
    async handle(request) {
      const requestId = createRequestId();
      try {
        return answer(request, requestId);
      } catch (error) {
        if (error instanceof PlaidApiError) return plaidFailure(error, requestId);
        return plaidFailure(plaidError('INTERNAL_SERVER_ERROR'), requestId);
      }
    },
    faultResponse: (status, options) => plaidFaultResponse(status, options, createRequestId()),
    malformedRequest: (message) => plaidFailure(plaidError('INVALID_BODY', message), createRequestId()),
    // The declared views, plus the delivery log: it lives in the webhook deliverer, outside the declared state.
    snapshot: () => ({
      ...declared.snapshot({ now: context.clock.now() }),
      webhookDeliveries: deliverer.list(),
    }),
    reset() {
      declared.reset();
      deliverer.reset();
    },
    exportState() {
      const items = new Map<string, PlaidItem>();
      for (const [itemId, item] of state.items) items.set(itemId, { ...item, accessToken: null });
      const accessTokenItems = new Map<string, string>();
      for (const [hash, item] of state.itemsByAccessToken) accessTokenItems.set(hash, item.itemId);
      return { ...declared.exportState(), items, accessTokenItems };
    },
    importState(saved) {
      deliverer.reset();
      declared.importState(saved);
      const hashes = saved['accessTokenItems'];
      if (hashes instanceof Map) {
        for (const [hash, itemId] of hashes) {
          const item = state.items.get(itemId as string);
          if (item !== undefined) state.itemsByAccessToken.set(hash as string, item);
        }
      }
    },
    handleControl: (request) => handlePlaidControl(plaid, request),
    webhookDeliveries: () => deliverer.list(),
    close: () => deliverer.close(),
  };
}

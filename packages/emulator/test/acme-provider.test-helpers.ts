import { controlError, parseControlJson } from '../src/control/control-json.js';
import { declareState } from '../src/kernel/declared-state.js';
import { createIdempotencyStore } from '../src/kernel/idempotency-store.js';
import { createRouter, type Route } from '../src/kernel/router.js';
import type { EmulatorRequest, EmulatorResponse, ModuleContext, ProviderModule } from '../src/types.js';

/** The Plaid processor name the fake Acme provider claims tokens under (not in Plaid's own list). */
export const ACME_PROCESSOR = 'acme_pay';

interface AcmeState {
  accounts: Map<string, { id: string; accountMask: string }>;
  payments: Map<string, { id: string; status: string }>;
  idempotency: Map<string, unknown>;
}

type AcmeHandler = (request: EmulatorRequest, id: string | undefined) => EmulatorResponse;

const acmeError = (status: number, code: string): EmulatorResponse => ({
  status,
  body: { acme_error: code },
});

/**
 * A fake third processor built only on the emulator kernel (router, idempotency store, token bridge, declared
 * state, control operations): the test proof that a provider is one folder plus one registration line.
 */
export function createAcmeModule(context: ModuleContext): ProviderModule {
  context.bridge.declare({ processor: ACME_PROCESSOR, stateKey: 'acmeProcessorTokens', enabled: true });
  const declared = declareState<AcmeState>({
    create: () => ({ accounts: new Map(), payments: new Map(), idempotency: new Map() }),
    snapshot: {
      hidden: ['idempotency'],
      fields: (show) => ({
        accounts: show.count('accounts'),
        payments: show.list('payments', (payment) => ({ id: payment.id, status: payment.status })),
      }),
    },
  });
  const { state } = declared;
  const idempotency = createIdempotencyStore(state.idempotency, context.clock, {
    ttlMs: 60_000,
    onMismatch: 'replay',
    fingerprint: 'none',
  });
  const routes: Route<AcmeHandler>[] = [
    {
      method: 'POST',
      path: '/accounts',
      handler: (request) => {
        const body = JSON.parse(request.rawBody.toString('utf8')) as { processor_token?: string };
        const claimed = context.bridge.claim(ACME_PROCESSOR, body.processor_token ?? '');
        if (claimed === undefined || claimed === 'claimed') return acmeError(400, 'bad_token');
        const account = { id: `acct_${state.accounts.size + 1}`, accountMask: claimed.details.accountMask };
        state.accounts.set(account.id, account);
        const payment = { id: `pay_${state.payments.size + 1}`, status: 'sent' };
        state.payments.set(payment.id, payment);
        return { status: 201, body: { account, payment } };
      },
    },
    {
      method: 'GET',
      path: '/accounts/:id',
      handler: (_request, id) => {
        const account = state.accounts.get(id ?? '');
        return account === undefined ? acmeError(404, 'no_account') : { status: 200, body: account };
      },
    },
  ];
  const router = createRouter(routes);
  return {
    name: 'acme',
    prefix: '/acme',
    async handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind === 'not-found') return acmeError(404, 'unknown_url');
      if (match.kind === 'method-not-allowed') {
        return { ...acmeError(405, 'wrong_method'), headers: { Allow: match.allow.join(', ') } };
      }
      const replayed = idempotency.replay({ request });
      if (replayed !== undefined) return replayed;
      const response = match.route.handler(request, match.values[0]);
      idempotency.remember({ request }, response);
      return response;
    },
    faultResponse: (status) => acmeError(status, 'fault'),
    malformedRequest: () => acmeError(400, 'malformed'),
    snapshot: () => declared.snapshot({ now: context.clock.now() }),
    reset: declared.reset,
    exportState: declared.exportState,
    importState: declared.importState,
    controlOperations: { returnPayment: (id) => `/payments/${encodeURIComponent(id)}/return` },
    async handleControl(request) {
      const id = /^\/payments\/([^/]+)\/return$/.exec(request.path)?.[1];
      const payment = id === undefined ? undefined : state.payments.get(decodeURIComponent(id));
      if (payment === undefined) return controlError(404, 'payment_not_found', 'No such payment.');
      const { code } = parseControlJson(request) as { code?: string };
      payment.status = `returned:${code ?? 'R01'}`;
      return { status: 200, body: { payment } };
    },
  };
}

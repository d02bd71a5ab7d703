import { declareState } from '../kernel/declared-state.js';
import { createIdempotencyStore } from '../kernel/idempotency-store.js';
import { declaredLifecycle } from '../kernel/module-lifecycle.js';
import type {
  EmulatorRequest,
  EmulatorResponse,
  FaultErrorOptions,
  ModuleContext,
  ProviderModule,
} from '../types.js';
import { DEFAULT_ACCOUNT_API_VERSION } from './stripe-api-version.js';
import {
  DEFAULT_SETTLEMENT_DELAY_MS,
  STRIPE_BANK_ACCOUNT_TOKEN_KIND,
  type StripeModuleOptions,
} from './stripe-context.js';
import { handleStripeControl } from './stripe-control.js';
import { dispatchStripeRequest } from './stripe-dispatch.js';
import { stripeErrorBody } from './stripe-errors.js';
import { stripeFaultResponse } from './stripe-faults.js';
import { STRIPE_IDEMPOTENCY_POLICY } from './stripe-idempotency.js';
import { createStripeId } from './stripe-ids.js';
import { validateStripeModuleInput } from './stripe-module-input.js';
import { settleAllPaymentIntents } from './stripe-settlement.js';
import { createStripeState, STRIPE_STATE_SNAPSHOT } from './stripe-state.js';

/**
 * Creates the emulated Stripe test mode (customers, bank account tokens and sources, SetupIntents,
 * mandates, ACH PaymentIntents with lazy settlement), mounted on `/v1` of the emulator's server.
 */
export function createStripeModule(
  context: ModuleContext,
  options: Partial<StripeModuleOptions> = {},
): ProviderModule {
  // Factories may be called by `Array.prototype.map`, which passes an index here: treat non-objects as none.
  const given: Partial<StripeModuleOptions> = typeof options === 'object' && options !== null ? options : {};
  validateStripeModuleInput(context, given);
  const declared = declareState({ create: createStripeState, snapshot: STRIPE_STATE_SNAPSHOT });
  const { state } = declared;
  const idempotency = createIdempotencyStore(state.idempotency, context.clock, STRIPE_IDEMPOTENCY_POLICY);
  const resolved: StripeModuleOptions = {
    settlementDelayMs: given.settlementDelayMs ?? DEFAULT_SETTLEMENT_DELAY_MS,
    accountApiVersion: given.accountApiVersion ?? DEFAULT_ACCOUNT_API_VERSION,
    plaidProcessor:
      given.plaidProcessor === undefined
        ? (context.options?.stripePlaidProcessor ?? null)
        : given.plaidProcessor,
  };
  context.bridge.declare({ processor: STRIPE_BANK_ACCOUNT_TOKEN_KIND, stateKey: 'stripeBankAccountTokens' });
  if (resolved.plaidProcessor !== null)
    context.bridge.declare({ processor: resolved.plaidProcessor, enabled: true });
  return {
    name: 'stripe',
    prefix: '/v1',
    async handle(request: EmulatorRequest): Promise<EmulatorResponse> {
      return dispatchStripeRequest(request, state, context, resolved, idempotency);
    },
    faultResponse(status: number, faultOptions: FaultErrorOptions): EmulatorResponse {
      const response = stripeFaultResponse(status, faultOptions);
      return { ...response, headers: { 'request-id': createStripeId('req'), ...response.headers } };
    },
    malformedRequest(message: string): EmulatorResponse {
      return {
        status: 400,
        headers: { 'request-id': createStripeId('req') },
        body: stripeErrorBody({ type: 'invalid_request_error', message: `Invalid request: ${message}` }),
      };
    },
    controlOperations: {
      returnPayment: (paymentId) => `/payment_intents/${encodeURIComponent(paymentId)}/return`,
    },
    async handleControl(request: EmulatorRequest): Promise<EmulatorResponse> {
      return handleStripeControl(state, request, context.clock.now());
    },
    // Settlement is lazy: PaymentIntents due by now settle first, as on any request, then the declared views.
    ...declaredLifecycle(declared, context.clock, (now) => settleAllPaymentIntents(state, now)),
  };
}

import { randomBytes } from 'node:crypto';
import type {
  EmulatorRequest,
  EmulatorResponse,
  FaultErrorOptions,
  ModuleContext,
  ProviderModule,
} from '../types.js';
import { authenticateStripe } from './stripe-auth.js';
import { StripeApiError, stripeErrorBody } from './stripe-errors.js';

function requestId(): string {
  return `req_${randomBytes(10).toString('base64url').replaceAll(/[-_]/g, 'x').slice(0, 14)}`;
}

function withRequestId(response: EmulatorResponse): EmulatorResponse {
  return { ...response, headers: { 'request-id': requestId(), ...(response.headers ?? {}) } };
}

/** Creates the emulated Stripe test mode, mounted on `/v1` of the emulator's server. */
export function createStripeModule(context: ModuleContext): ProviderModule {
  return {
    name: 'stripe',
    prefix: '/v1',
    async handle(request: EmulatorRequest): Promise<EmulatorResponse> {
      try {
        authenticateStripe(request.headers, context.credentials.stripe);
        throw new StripeApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${request.method}: /v1${request.path}).`,
        });
      } catch (error) {
        if (error instanceof StripeApiError) {
          return withRequestId({ status: error.status, body: stripeErrorBody(error.fields) });
        }
        return withRequestId({
          status: 500,
          body: stripeErrorBody({
            type: 'api_error',
            message: 'An unexpected error occurred in the emulator.',
          }),
        });
      }
    },
    faultResponse(status: number, _options: FaultErrorOptions): EmulatorResponse {
      return withRequestId({
        status,
        body: stripeErrorBody({ type: 'api_error', message: 'An injected fault occurred.' }),
      });
    },
    snapshot(): Record<string, unknown> {
      return {};
    },
    reset(): void {},
  };
}

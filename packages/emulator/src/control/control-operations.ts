import type { EmulatorRequest, EmulatorResponse, ProviderModule } from '../types.js';
import { controlError } from './control-json.js';

/**
 * `POST /__emulator/{provider}/payments/{paymentId}/return` with `{ "code": "R01" }`: returns a payment of any
 * registered provider by dispatching to the control route its module declared (`controlOperations.returnPayment`);
 * an unknown provider or one without the operation gets a 404 JSON error.
 */
export async function returnPaymentOperation(
  modules: readonly ProviderModule[],
  request: EmulatorRequest,
  provider: string,
  paymentId: string,
): Promise<EmulatorResponse> {
  const module = modules.find((candidate) => candidate.name === provider);
  if (module === undefined) {
    const names = modules.map((candidate) => candidate.name).join(', ');
    return controlError(
      404,
      'unknown_provider',
      `No emulated provider '${provider}' (known: ${names}).`,
      'provider',
    );
  }
  const route = module.controlOperations?.returnPayment;
  if (route === undefined || module.handleControl === undefined) {
    return controlError(
      404,
      'operation_not_supported',
      `The emulated ${provider} has no returnPayment control operation.`,
      'provider',
    );
  }
  return module.handleControl({ ...request, path: route(paymentId) });
}

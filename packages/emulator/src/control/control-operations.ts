import type { EmulatorRequest, EmulatorResponse, ProviderModule } from '../types.js';
import { controlError } from './control-json.js';

const RETURN_PAYMENT = /^\/__emulator\/([^/]+)\/payments\/([^/]+)\/return$/;

function moduleNamed(modules: readonly ProviderModule[], name: string): ProviderModule | undefined {
  return modules.find((module) => module.name === name);
}

/**
 * `POST /__emulator/{provider}/payments/{paymentId}/return` with `{ "code": "R01" }`: returns a payment of any
 * registered provider by dispatching to the control route its module declared (`controlOperations.returnPayment`).
 * Answers undefined for other paths; an unknown provider or one without the operation gets a 404 JSON error.
 */
export async function handleProviderOperation(
  modules: readonly ProviderModule[],
  request: EmulatorRequest,
  path: string,
): Promise<EmulatorResponse | undefined> {
  const match = RETURN_PAYMENT.exec(path);
  if (match === null || request.method !== 'POST') return undefined;
  const provider = decodeURIComponent(match[1] as string);
  const module = moduleNamed(modules, provider);
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
  return module.handleControl({ ...request, path: route(decodeURIComponent(match[2] as string)) });
}

import { EmulatorInputError } from '../emulator-errors.js';
import type { ProviderModule, WebhookDeliveryView } from '../types.js';

const PROVIDERS = ['plaid', 'dwolla', 'stripe'];

/**
 * `GET /__emulator/webhooks[?provider=plaid|dwolla|stripe]`: every module's webhook deliveries with their
 * attempts, oldest first.
 */
export function listWebhookDeliveries(
  modules: readonly ProviderModule[],
  provider: string | null,
): WebhookDeliveryView[] {
  if (provider !== null && !PROVIDERS.includes(provider)) {
    throw new EmulatorInputError('provider', `must be one of: ${PROVIDERS.join(', ')}`);
  }
  const deliveries = modules.flatMap((module) => module.webhookDeliveries?.() ?? []);
  return deliveries
    .filter((delivery) => provider === null || delivery.provider === provider)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

import { EmulatorInputError } from '../emulator-errors.js';
import type { ProviderModule, WebhookDeliveryView } from '../types.js';

/**
 * `GET /__emulator/webhooks[?provider=<name>]`: every module's webhook deliveries with their attempts, oldest
 * first; `provider` is the name of any registered module that sends webhooks.
 */
export function listWebhookDeliveries(
  modules: readonly ProviderModule[],
  provider: string | null,
): WebhookDeliveryView[] {
  const senders = modules.filter((module) => module.webhookDeliveries !== undefined);
  if (provider !== null && !senders.some((module) => module.name === provider)) {
    const names = senders.map((module) => module.name).join(', ');
    throw new EmulatorInputError('provider', `must be one of: ${names}`);
  }
  const deliveries = senders.flatMap((module) => module.webhookDeliveries?.() ?? []);
  return deliveries
    .filter((delivery) => provider === null || delivery.provider === provider)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

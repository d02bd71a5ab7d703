import type { ModuleContext, ProviderModule } from '../types.js';
import { createWebhookDeliverer, type WebhookDeliverer } from './webhook-deliverer.js';
import type { WebhookPost } from './webhook-post.js';

/** What a module's deliverer needs beyond the emulator's options: who sends, what counts as delivered, its schedule. */
export interface ModuleDelivererSettings {
  /** The sending module's name. */
  provider: string;
  /** Whether a receiver's HTTP status counts as delivered. */
  accepts(status: number): boolean;
  /** The provider's documented retry delays, used with `webhookRetries: 'provider'` (else quick retries). */
  providerSchedule?: readonly number[] | undefined;
  /** The HTTP transport (default node:http); injectable for unit tests. */
  post?: WebhookPost | undefined;
}

/** Creates a module's webhook deliverer timed by the emulator's options (retry delay, timeout, schedule, clock). */
export function createModuleDeliverer(
  context: ModuleContext,
  settings: ModuleDelivererSettings,
): WebhookDeliverer {
  return createWebhookDeliverer({
    provider: settings.provider,
    retryDelayMs: context.options.webhookRetryDelayMs,
    retrySchedule: context.options.webhookRetries === 'provider' ? settings.providerSchedule : undefined,
    timeoutMs: context.options.webhookTimeoutMs,
    now: () => context.clock.now(),
    accepts: settings.accepts,
    ...(settings.post === undefined ? {} : { post: settings.post }),
  });
}

/** Whether a receiver's status is a 2xx, the delivery rule of providers that accept any success. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * The lifecycle a module gains with webhooks: `reset` resets the module, then `clear`s the webhook feature's own
 * records and every delivery; `close` closes the module and the deliverer; `webhookDeliveries` lists the deliveries.
 */
export function webhookLifecycle(
  module: ProviderModule,
  deliverer: WebhookDeliverer,
  clear: () => void,
): Required<Pick<ProviderModule, 'reset' | 'close' | 'webhookDeliveries'>> {
  return {
    reset() {
      module.reset();
      clear();
      deliverer.reset();
    },
    webhookDeliveries: () => deliverer.list(),
    close() {
      module.close?.();
      deliverer.close();
    },
  };
}

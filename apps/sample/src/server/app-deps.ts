import type { SampleMode } from '../config/sample-config.js';
import type { EventHub } from '../events/event-hub.js';
import type { ItemStore } from '../items/item-store.js';
import type { SampleProviders } from '../providers/sample-providers.js';
import type { PlaidWebhookReceiver } from '../webhooks/plaid-webhook-receiver.js';
import type { RequestLogWriter } from './request-log.js';

/** What the sample's HTTP app needs; built by `main.ts` (or by tests around a test emulator). */
export interface SampleAppDeps {
  mode: SampleMode;
  providers: SampleProviders;
  items: ItemStore;
  events: EventHub;
  webhooks: PlaidWebhookReceiver;
  /** Webhook URL given to new Items (known once the server listens). */
  webhookUrl: () => string | undefined;
  /** Directory of the static page (index.html, styles, scripts). */
  publicDir: string;
  /** Receives one line per API request (method, path, status, ms, provider request ids); none when absent. */
  requestLog?: RequestLogWriter | undefined;
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInput } from '@achbridge/core';
import type { Store } from '@achbridge/store';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { SampleConfig } from '../config/sample-config.js';
import { createEventHub } from '../events/event-hub.js';
import { createDurableItemStore } from '../items/durable-item-store.js';
import { createItemStore } from '../items/item-store.js';
import {
  createSampleProviders,
  type SampleProviders,
  type SampleProviderTuning,
} from '../providers/sample-providers.js';
import { createPlaidWebhookReceiver } from '../webhooks/plaid-webhook-receiver.js';
import type { SampleAppDeps } from './app-deps.js';
import { createSampleApp } from './create-app.js';
import type { RequestLogWriter } from './request-log.js';

/** The static page's directory (`apps/sample/public`), from both `src/server` and `dist/server`. */
export const PUBLIC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../public');

/** A running sample server. */
export interface RunningSampleServer {
  /** Origin, e.g. `http://127.0.0.1:3000`. */
  url: string;
  app: Hono;
  deps: SampleAppDeps;
  providers: SampleProviders;
  /** Stops the HTTP server (open event streams included), an in-process emulator and the store. */
  close(): Promise<void>;
}

const optionsSchema = z.object({
  config: z.looseObject({
    mode: z.enum(['emulator', 'sandbox']),
    host: z.string().min(1),
    port: z.number().int().min(0).max(65_535),
  }),
  tuning: z.looseObject({}).optional(),
  requestLog: z.custom<RequestLogWriter>((value) => typeof value === 'function').optional(),
  store: z
    .custom<Store>(
      (value) =>
        typeof value === 'object' && value !== null && typeof (value as Store).saveItem === 'function',
      'must be a store from createStore (@achbridge/store)',
    )
    .optional(),
});

/** Builds the providers, the app and the HTTP server, and resolves once it listens. */
export async function startSampleServer(options: {
  config: SampleConfig;
  tuning?: SampleProviderTuning;
  /** Receives the request log (one line per API request); nothing is logged without it. */
  requestLog?: RequestLogWriter;
  /**
   * The durable store (`openSampleStore`): Items, processor links and payments survive a restart; closed by
   * `close()`. Without it Items are kept in memory.
   */
  store?: Store;
}): Promise<RunningSampleServer> {
  parseInput('startSampleServer', optionsSchema, options);
  const { config, store } = options;
  const providers = await createSampleProviders(config, options.tuning ?? {}, store);
  let webhookUrl: string | undefined = config.webhookUrl;
  const emulator = providers.emulator;
  const deps: SampleAppDeps = {
    mode: config.mode,
    providers,
    items: store === undefined ? createItemStore() : createDurableItemStore(store),
    events: createEventHub(),
    webhooks: createPlaidWebhookReceiver({
      plaid: providers.plaid,
      ...(emulator === undefined
        ? {}
        : { clockOffset: async () => (await emulator.control.clock()).offsetMs }),
    }),
    webhookUrl: () => webhookUrl,
    publicDir: PUBLIC_DIR,
    ...(options.requestLog === undefined ? {} : { requestLog: options.requestLog }),
  };
  const app = createSampleApp(deps);
  let server: Server;
  try {
    server = await new Promise<Server>((resolveServer, reject) => {
      const created = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
        resolveServer(created as Server),
      ) as Server;
      created.once('error', reject);
    });
  } catch (error) {
    await providers.close();
    await deps.items.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  // The emulator delivers to loopback URLs; the real Plaid Sandbox cannot reach 127.0.0.1, so there a webhook URL
  // is only sent when WEBHOOK_URL names a public one.
  if (config.mode === 'emulator') webhookUrl ??= `${url}/api/webhooks/plaid`;
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    deps,
    providers,
    close() {
      closing ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await providers.close();
        await deps.items.close();
      })();
      return closing;
    },
  };
}

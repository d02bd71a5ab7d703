// The scenario as a Cloudflare Worker, run by workerd with no Node compatibility flag: POST /run with the
// config (plus `selfUrl`, the Worker's own origin) runs it; the emulator delivers the Plaid webhook to
// POST /webhooks/plaid on the same Worker, which verifies it from the standard Request.
import type { PlaidClient } from '@achbridge/core';
import { runScenario, type ScenarioConfig, scenarioPlaid } from './scenario.ts';
import { createWebhookInbox, type WebhookInbox } from './webhook-inbox.ts';

let current: { plaid: PlaidClient; inbox: WebhookInbox } | undefined;

export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/webhooks/plaid') {
      if (!current) return new Response('no run in progress', { status: 409 });
      return current.inbox.handle(request);
    }
    if (request.method === 'POST' && pathname === '/run') {
      const config = (await request.json()) as ScenarioConfig & { selfUrl: string };
      const plaid = scenarioPlaid(config);
      current = { plaid, inbox: createWebhookInbox(plaid) };
      try {
        const report = await runScenario(config, plaid, current.inbox, `${config.selfUrl}/webhooks/plaid`);
        return Response.json(report);
      } catch (error) {
        return Response.json(
          { failed: String(error), stack: String((error as Error).stack) },
          { status: 500 },
        );
      }
    }
    return new Response('not found', { status: 404 });
  },
};

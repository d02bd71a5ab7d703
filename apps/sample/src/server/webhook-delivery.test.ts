import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestJson, runLinkedFlow, startTestServer } from '../../test/sample-server.test-helpers.js';
import type { WebhookLogEvent } from '../events/sample-event.js';
import type { RunningSampleServer } from './start-sample-server.js';

// End to end with the emulator's signed webhook delivery: the Item's webhook URL is this server's
// /api/webhooks/plaid, which verifies each delivery with core's verifier and publishes it.
let server: RunningSampleServer;
const webhooks: WebhookLogEvent[] = [];
const rejected: unknown[] = [];

beforeAll(async () => {
  server = await startTestServer();
  server.deps.events.subscribe(({ event }) => {
    if (event.type === 'webhook') webhooks.push(event);
    if (event.type === 'webhook_rejected') rejected.push(event);
  });
});
afterAll(() => server.close());

async function linkedItem(institutionId: string): Promise<{ itemId: string; paymentIntentId: string }> {
  const { answer } = await runLinkedFlow(server, 'stripe', {
    runId: `stripe-${institutionId}`,
    institutionId,
  });
  const result = answer.body['result'] as { itemId: string; payment: { paymentIntentId: string } };
  return { itemId: result.itemId, paymentIntentId: result.payment.paymentIntentId };
}

function codesFor(itemId: string): (string | null)[] {
  return webhooks.filter((event) => event.itemId === itemId).map((event) => event.webhookCode);
}

describe('Plaid webhooks from the emulator', () => {
  it('delivers a verified ITEM ERROR after reset_login and LOGIN_REPAIRED after Reconnect', async () => {
    const { itemId } = await linkedItem('ins_109508');
    await requestJson(server, 'POST', `/api/items/${itemId}/reset_login`, { runId: 'reset' });
    await vi.waitFor(() => expect(codesFor(itemId)).toContain('ERROR'), { timeout: 5000, interval: 20 });
    const error = webhooks.find((event) => event.itemId === itemId && event.webhookCode === 'ERROR');
    expect(error).toMatchObject({
      verified: true,
      kind: 'ITEM.ERROR',
      error: {
        code: 'ITEM_LOGIN_REQUIRED',
        category: 'user_action',
        remediation: expect.stringContaining('update mode'),
      },
    });
    await requestJson(server, 'POST', `/api/items/${itemId}/reconnect`, { runId: 'reconnect' });
    await vi.waitFor(() => expect(codesFor(itemId)).toContain('LOGIN_REPAIRED'), {
      timeout: 5000,
      interval: 20,
    });
    expect(rejected).toEqual([]);
  });

  it('still verifies deliveries after "simulate settlement" moved the emulated clock 4 days ahead', async () => {
    const { itemId, paymentIntentId } = await linkedItem('ins_109509');
    const settled = await requestJson(server, 'POST', `/api/payments/${paymentIntentId}/settle`, {
      runId: 'settle',
    });
    expect(settled.body['result']).toMatchObject({ status: 'succeeded' });
    await requestJson(server, 'POST', `/api/items/${itemId}/reset_login`, { runId: 'reset-late' });
    await vi.waitFor(() => expect(codesFor(itemId)).toContain('ERROR'), { timeout: 5000, interval: 20 });
    expect(rejected).toEqual([]);
  });
});

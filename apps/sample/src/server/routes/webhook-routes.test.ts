import { createPlaidClient } from '@achbridge/core';
import { createTestWebhookSigner } from '@achbridge/core/testing';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../../test/sample-server.test-helpers.js';
import type { PublishedEvent } from '../../events/event-hub.js';
import { createPlaidWebhookReceiver } from '../../webhooks/plaid-webhook-receiver.js';
import { createSampleApp } from '../create-app.js';
import type { RunningSampleServer } from '../start-sample-server.js';

const signer = createTestWebhookSigner();
let server: RunningSampleServer;
let app: Hono;

const ITEM_ERROR = {
  webhook_type: 'ITEM',
  webhook_code: 'ERROR',
  item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
  environment: 'sandbox',
  error: {
    display_message: 'The provided credentials were not correct. Please try again.',
    error_code: 'ITEM_LOGIN_REQUIRED',
    error_message: 'the provided credentials were not correct',
    error_type: 'ITEM_ERROR',
    status: 400,
  },
};

beforeAll(async () => {
  server = await startTestServer();
  // Same app, but its verifier fetches keys from the test signer (which plays Plaid's key endpoint).
  const plaid = createPlaidClient({
    environment: 'sandbox',
    clientId: 'client-123456',
    secret: 'secret-123456',
    fetch: signer.fetch,
  });
  app = createSampleApp({ ...server.deps, webhooks: createPlaidWebhookReceiver({ plaid }) });
});
afterAll(() => server.close());

function collect(): { events: PublishedEvent[]; stop: () => void } {
  const events: PublishedEvent[] = [];
  const stop = server.deps.events.subscribe((event) => events.push(event));
  return { events, stop };
}

describe('POST /api/webhooks/plaid', () => {
  it('verifies a signed ITEM ERROR webhook and publishes it with category and remediation', async () => {
    const { events, stop } = collect();
    const signed = signer.sign(ITEM_ERROR);
    const response = await app.request('/api/webhooks/plaid', {
      method: 'POST',
      headers: signed.headers,
      body: String(signed.body),
    });
    stop();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, kind: 'ITEM.ERROR' });
    expect(events.map((event) => event.event)).toEqual([
      expect.objectContaining({
        type: 'webhook',
        verified: true,
        kind: 'ITEM.ERROR',
        webhookType: 'ITEM',
        webhookCode: 'ERROR',
        itemId: ITEM_ERROR.item_id,
        error: expect.objectContaining({
          code: 'ITEM_LOGIN_REQUIRED',
          category: 'user_action',
          remediation: expect.stringContaining('update mode'),
        }),
      }),
    ]);
  });

  it('rejects a tampered body with 400 and logs the rejection', async () => {
    const { events, stop } = collect();
    const signed = signer.sign(ITEM_ERROR);
    const tampered = String(signed.body).replace('ITEM_LOGIN_REQUIRED', 'ITEM_LOCKED');
    const response = await app.request('/api/webhooks/plaid', {
      method: 'POST',
      headers: signed.headers,
      body: tampered,
    });
    stop();
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { type: 'WebhookVerificationError', details: { reason: 'body_mismatch' } },
    });
    expect(events.map((event) => event.event)).toEqual([
      expect.objectContaining({ type: 'webhook_rejected', reason: 'body_mismatch' }),
    ]);
  });

  it('rejects a delivery without the Plaid-Verification header or with a stale token', async () => {
    const missing = await app.request('/api/webhooks/plaid', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ITEM_ERROR),
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { details: { reason: 'missing_header' } } });
    const stale = signer.sign(ITEM_ERROR, { iat: Math.floor(Date.now() / 1000) - 3600 });
    const old = await app.request('/api/webhooks/plaid', {
      method: 'POST',
      headers: stale.headers,
      body: String(stale.body),
    });
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ error: { details: { reason: 'stale' } } });
  });
});

describe('GET /api/events (Server-Sent Events)', () => {
  it('streams published events and replays recent webhooks to a new subscriber', async () => {
    const response = await app.request('/api/events');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('event: webhook\n');
    expect(text).toMatch(/event: webhook\ndata: \{.*"kind":"ITEM\.ERROR".*\}\nid: \d+\n/);
    server.deps.events.publish({
      type: 'step',
      runId: 'sse-run',
      flow: 'stripe',
      step: {
        id: 'exchange',
        label: 'Exchange',
        status: 'running',
        detail: null,
        calls: [],
        durationMs: null,
        error: null,
      },
    });
    await readUntil('"runId":"sse-run"');
    expect(text).toContain('event: step\n');
    await reader.cancel();
  });
});

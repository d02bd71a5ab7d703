import { Buffer } from 'node:buffer';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { FetchFunction } from '../../http.js';
import { createPlaidClient } from '../../plaid/create-plaid-client.js';
import { createTestWebhookSigner } from '../../testing/webhook-signer.js';
import type { PlaidWebhookEvent } from '../plaid-webhook-events.js';
import { createWebhookHandler } from './webhook-handler.example.js';

const PAYLOAD = {
  webhook_type: 'ITEM',
  webhook_code: 'ERROR',
  item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
  error: {
    error_type: 'ITEM_ERROR',
    error_code: 'ITEM_LOGIN_REQUIRED',
    error_message: 'the login details of this item have changed',
    display_message: null,
    status: 400,
  },
  environment: 'sandbox',
};

function setup(fetch?: FetchFunction) {
  const signer = createTestWebhookSigner();
  const plaid = createPlaidClient({
    clientId: 'client-1',
    secret: 'secret-example-1',
    fetch: fetch ?? signer.fetch,
    maxRetries: 0,
  });
  const events: PlaidWebhookEvent[] = [];
  const handle = createWebhookHandler(plaid, async (event) => {
    events.push(event);
  });
  return { signer, handle, events };
}

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

describe('README example: webhook handler', () => {
  it('accepts a delivery signed by the test signer and hands over the typed event', async () => {
    const { signer, handle, events } = setup();
    const signed = signer.sign(JSON.stringify(PAYLOAD, null, 2));
    await expect(handle(signed.body, signed.headers)).resolves.toEqual({ status: 200 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'ITEM.ERROR', error: { errorCode: 'ITEM_LOGIN_REQUIRED' } });
  });

  it('answers 401 to forged or re-serialized deliveries and never calls onEvent', async () => {
    const { signer, handle, events } = setup();
    const signed = signer.sign(JSON.stringify(PAYLOAD, null, 2));
    await expect(handle(JSON.stringify(PAYLOAD), signed.headers)).resolves.toEqual({ status: 401 });
    await expect(handle(signed.body, {})).resolves.toEqual({ status: 401 });
    expect(events).toEqual([]);
  });

  it("answers 503 when Plaid's key endpoint is unreachable, so Plaid retries later", async () => {
    const { signer, handle } = setup(async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    const signed = signer.sign(PAYLOAD);
    await expect(handle(signed.body, signed.headers)).resolves.toEqual({ status: 503 });
  });

  it('works behind node:http with the raw request bytes and IncomingHttpHeaders', async () => {
    const { signer, handle, events } = setup();
    const server = createServer((request, response) => {
      readRaw(request)
        .then((raw) => handle(raw, request.headers))
        .then(({ status }) => response.writeHead(status).end())
        .catch(() => response.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const signed = signer.sign(PAYLOAD);
      const ok = await fetch(`http://127.0.0.1:${port}/plaid/webhook`, {
        method: 'POST',
        headers: {
          'Plaid-Verification': signed.headers['plaid-verification'],
          'Content-Type': 'application/json',
        },
        body: signed.body,
      });
      expect(ok.status).toBe(200);
      const tampered = await fetch(`http://127.0.0.1:${port}/plaid/webhook`, {
        method: 'POST',
        headers: { 'Plaid-Verification': signed.headers['plaid-verification'] },
        body: `${String(signed.body)}\n`,
      });
      expect(tampered.status).toBe(401);
      expect(events.map((event) => event.kind)).toEqual(['ITEM.ERROR']);
    } finally {
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    }
  });
});

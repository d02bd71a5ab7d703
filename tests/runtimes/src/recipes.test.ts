import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPlaidClient } from '@achbridge/core';
import { signDwollaWebhook } from '@achbridge/dwolla';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookApp as createExpressApp } from '../recipes/express-app.ts';
import { createWebhookApp as createHonoApp } from '../recipes/hono-app.ts';
import { POST as nextDwolla } from '../recipes/nextjs-dwolla-route.ts';
import { POST as nextPlaid } from '../recipes/nextjs-plaid-route.ts';
import { receivedEvents } from '../recipes/received-events.ts';
import { WORKSPACE_DIRECTORY } from './harness/binaries.js';
import { bundleWorker } from './harness/bundle-worker.js';
import { startWorkerd } from './harness/workerd.js';

/** One webhook delivery exactly as it arrived: raw body and headers. */
interface Delivery {
  body: string;
  headers: Record<string, string>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
const DWOLLA_SECRET = 'recipe-subscription-secret';
const STRIPE_SECRET = 'whsec_recipeEndpointSecret';
let emulator: RunningEmulator;
let capture: Server;
let plaidDelivery: Delivery;
let env: Record<string, string>;

/** A Dwolla event body and its signature, as Dwolla would POST them. */
function dwollaDelivery(): Delivery {
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    resourceId: 'df8392e5-4c06-42ed-b247-c098ed6f5a11',
    topic: 'customer_funding_source_verified',
    created: new Date().toISOString(),
    _links: {
      self: { href: 'https://api-sandbox.dwolla.com/events/80d8ff7d-7e5a-4975-ade8-9e97306d6c15' },
      account: { href: 'https://api-sandbox.dwolla.com/accounts/b4cdac07-eeca-4059-a29c-48900e453d54' },
      resource: {
        href: 'https://api-sandbox.dwolla.com/funding-sources/df8392e5-4c06-42ed-b247-c098ed6f5a11',
      },
      customer: { href: 'https://api-sandbox.dwolla.com/customers/ab443d36-3757-44c1-a1b4-29727fb3111c' },
    },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-request-signature-sha-256': signDwollaWebhook(body, DWOLLA_SECRET),
      'x-dwolla-topic': 'customer_funding_source_verified',
    },
  };
}

/** A Stripe event body and its `Stripe-Signature`, made with stripe-node's own test-header helper. */
function stripeDelivery(): Delivery {
  const body = JSON.stringify({
    id: `evt_recipe${Date.now()}`,
    object: 'event',
    api_version: '2026-07-29.dahlia',
    created: Math.floor(Date.now() / 1000),
    type: 'payment_intent.succeeded',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: { id: 'pi_3RecipeTest0001', object: 'payment_intent', amount: 1099, status: 'succeeded' },
    },
  });
  const signature = new Stripe('sk_test_signingOnly').webhooks.generateTestHeaderString({
    payload: body,
    secret: STRIPE_SECRET,
  });
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}

function tampered(delivery: Delivery): Delivery {
  return { ...delivery, body: delivery.body.replace('"', '"x') };
}

function requestOf(delivery: Delivery, url = 'http://127.0.0.1/webhook'): Request {
  return new Request(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
}

beforeAll(async () => {
  emulator = await startEmulator();
  // Receive one real, signed Plaid delivery from the emulator and keep it byte for byte.
  const captured = new Promise<Delivery>((resolve) => {
    capture = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.end();
        const headers: Record<string, string> = {};
        // Hop-by-hop headers stay behind: the replays (and their tampered copies) are new requests.
        for (const [name, value] of Object.entries(request.headers))
          if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers[name] = value;
        resolve({ body: Buffer.concat(chunks).toString('utf8'), headers });
      });
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const plaid = createPlaidClient({ environment: 'sandbox', ...emulator.plaid });
  const { publicToken } = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
    webhook: `http://127.0.0.1:${(capture.address() as AddressInfo).port}/plaid`,
  });
  const { accessToken } = await plaid.exchangePublicToken({ publicToken });
  await plaid.sandbox.fireWebhook({ accessToken, webhookCode: 'LOGIN_REPAIRED', webhookType: 'ITEM' });
  plaidDelivery = await captured;
  env = {
    PLAID_CLIENT_ID: emulator.plaid.clientId,
    PLAID_SECRET: emulator.plaid.secret,
    PLAID_BASE_URL: emulator.plaid.baseUrl,
    DWOLLA_WEBHOOK_SECRET: DWOLLA_SECRET,
    STRIPE_WEBHOOK_SECRET: STRIPE_SECRET,
  };
  Object.assign(process.env, env);
});

afterAll(async () => {
  capture?.closeAllConnections();
  await new Promise<void>((resolve) => (capture ? capture.close(() => resolve()) : resolve()));
  await emulator?.close();
});

describe('webhook recipes (each file in recipes/ run as written)', () => {
  it('Next.js route handlers: 200 for the emulator-signed Plaid delivery and a signed Dwolla one, 401 when tampered', async () => {
    const before = receivedEvents.length;
    expect((await nextPlaid(requestOf(plaidDelivery))).status).toBe(200);
    expect((await nextPlaid(requestOf(tampered(plaidDelivery)))).status).toBe(401);
    expect((await nextDwolla(requestOf(dwollaDelivery()))).status).toBe(200);
    expect((await nextDwolla(requestOf(tampered(dwollaDelivery())))).status).toBe(401);
    expect(
      receivedEvents
        .slice(before)
        .map((entry) => `${entry.provider}:${'kind' in entry.event ? entry.event.kind : ''}`),
    ).toEqual(['plaid:ITEM.LOGIN_REPAIRED', 'dwolla:funding_source']);
  });

  it('Hono routes: the same answers through app.request', async () => {
    const app = createHonoApp(env);
    const before = receivedEvents.length;
    const send = (path: string, delivery: Delivery) =>
      app.request(path, { method: 'POST', headers: delivery.headers, body: delivery.body });
    expect((await send('/webhooks/plaid', plaidDelivery)).status).toBe(200);
    expect((await send('/webhooks/plaid', tampered(plaidDelivery))).status).toBe(401);
    expect((await send('/webhooks/dwolla', dwollaDelivery())).status).toBe(200);
    expect((await send('/webhooks/dwolla', tampered(dwollaDelivery()))).status).toBe(401);
    expect(receivedEvents.slice(before).map((entry) => entry.provider)).toEqual(['plaid', 'dwolla']);
  });

  it('Express routes (express.raw): 200 for authentic Plaid, Dwolla and Stripe deliveries, 401/400 when tampered', async () => {
    const server = createExpressApp(env).listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const send = async (path: string, delivery: Delivery) =>
        (await fetch(`${origin}${path}`, { method: 'POST', headers: delivery.headers, body: delivery.body }))
          .status;
      const before = receivedEvents.length;
      expect(await send('/webhooks/plaid', plaidDelivery)).toBe(200);
      expect(await send('/webhooks/plaid', tampered(plaidDelivery))).toBe(401);
      expect(await send('/webhooks/dwolla', dwollaDelivery())).toBe(200);
      expect(await send('/webhooks/dwolla', tampered(dwollaDelivery()))).toBe(401);
      expect(await send('/webhooks/stripe', stripeDelivery())).toBe(200);
      expect(await send('/webhooks/stripe', tampered(stripeDelivery()))).toBe(400);
      expect(
        await send('/webhooks/stripe', { body: '{}', headers: { 'content-type': 'application/json' } }),
      ).toBe(400);
      expect(
        receivedEvents
          .slice(before)
          .map((entry) => `${entry.provider}:${'kind' in entry.event ? entry.event.kind : entry.event.type}`),
      ).toEqual(['plaid:ITEM.LOGIN_REPAIRED', 'dwolla:funding_source', 'stripe:payment_intent.succeeded']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('Cloudflare Worker, bundled like wrangler and run in workerd with its env bindings: the same answers', async () => {
    const bundle = await bundleWorker(join(WORKSPACE_DIRECTORY, 'recipes', 'cloudflare-worker.ts'));
    expect(bundle.externalImports).toEqual([]);
    const workerd = await startWorkerd(bundle.code, env);
    try {
      const send = async (path: string, delivery: Delivery, method = 'POST') =>
        (
          await fetch(`${workerd.url}${path}`, {
            method,
            headers: delivery.headers,
            ...(method === 'POST' ? { body: delivery.body } : {}),
          })
        ).status;
      const statuses = {
        plaid: await send('/webhooks/plaid', plaidDelivery),
        plaidTampered: await send('/webhooks/plaid', tampered(plaidDelivery)),
        dwolla: await send('/webhooks/dwolla', dwollaDelivery()),
        dwollaTampered: await send('/webhooks/dwolla', tampered(dwollaDelivery())),
        stripe: await send('/webhooks/stripe', stripeDelivery()),
        stripeTampered: await send('/webhooks/stripe', tampered(stripeDelivery())),
        get: await send('/webhooks/plaid', { body: '', headers: {} }, 'GET'),
        unknown: await send('/webhooks/other', plaidDelivery),
      };
      expect(statuses, workerd.output()).toEqual({
        plaid: 200,
        plaidTampered: 401,
        dwolla: 200,
        dwollaTampered: 401,
        stripe: 200,
        stripeTampered: 400,
        get: 405,
        unknown: 404,
      });
    } finally {
      await workerd.stop();
    }
  });
});

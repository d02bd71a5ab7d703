import { createPlaidClient } from '@achbridge/core';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../events/event-hub.js';
import type { StepState } from '../flows/step-runner.js';
import { createItemStore } from '../items/item-store.js';
import type { SampleProviders } from '../providers/sample-providers.js';
import { createPlaidWebhookReceiver } from '../webhooks/plaid-webhook-receiver.js';
import { createSampleApp } from './create-app.js';
import { PUBLIC_DIR } from './start-sample-server.js';

// Sandbox mode without Stripe or Dwolla keys: Plaid answers (here from an emulator standing in for the real
// Sandbox), the processors explain how to enable them, and emulator-only features refuse politely.
let emulator: RunningEmulator;
let app: Hono;

beforeAll(async () => {
  emulator = await startEmulator();
  const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
  const providers: SampleProviders = {
    mode: 'sandbox',
    plaid,
    processors: {
      stripe: { client: undefined, unavailable: 'Set STRIPE_SECRET_KEY to a Stripe test mode key.' },
      dwolla: { client: undefined, unavailable: 'Set DWOLLA_KEY and DWOLLA_SECRET.' },
      modern_treasury: {
        client: undefined,
        unavailable: 'Set MODERN_TREASURY_ORGANIZATION_ID and MODERN_TREASURY_API_KEY.',
      },
    },
    emulator: undefined,
    close: async () => {},
  };
  app = createSampleApp({
    mode: 'sandbox',
    providers,
    items: createItemStore(),
    events: createEventHub(),
    webhooks: createPlaidWebhookReceiver({ plaid }),
    webhookUrl: () => undefined,
    publicDir: PUBLIC_DIR,
  });
});
afterAll(() => emulator.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function exchangedItem(): Promise<{ itemId: string; accountId: string }> {
  const plaid = createPlaidClient(emulatorSettings(emulator).plaid);
  const { publicToken } = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const account = {
    id: 'acc',
    name: 'Plaid Checking',
    mask: '0000',
    type: 'depository',
    subtype: 'checking',
  };
  const answer = await post('/api/set_access_token', {
    public_token: publicToken,
    institution: { id: 'ins_109508', name: 'First Platypus Bank' },
    accounts: [account],
    account_id: 'acc',
    allow_duplicate: true,
  });
  return { itemId: (answer.body['result'] as { item_id: string }).item_id, accountId: 'acc' };
}

describe('sandbox mode without processor keys', () => {
  it('tells the page to load Plaid Link and why each processor is unavailable', async () => {
    const info = (await (await app.request('/api/info')).json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      mode: 'sandbox',
      linkScript: true,
      processors: {
        stripe: { available: false, reason: expect.stringContaining('STRIPE_SECRET_KEY') },
        dwolla: { available: false, reason: expect.stringContaining('DWOLLA_KEY') },
      },
    });
  });

  it('answers 409 with the reason for the Stripe and Dwolla flows and settlement', async () => {
    const { itemId, accountId } = await exchangedItem();
    const stripe = await post('/api/flows/stripe', { runId: 'r1', source: { itemId }, accountId });
    expect(stripe.status).toBe(409);
    expect(stripe.body['error']).toMatchObject({
      code: 'STRIPE_NOT_CONFIGURED',
      message: expect.stringContaining('STRIPE_SECRET_KEY'),
    });
    const dwolla = await post('/api/flows/dwolla', { runId: 'r2', source: { itemId }, accountId });
    expect(dwolla.status).toBe(409);
    expect(dwolla.body['error']).toMatchObject({ code: 'DWOLLA_NOT_CONFIGURED' });
    const settle = await post('/api/payments/pi_123/settle', { runId: 'r3' });
    expect(settle.status).toBe(409);
  });

  it('refuses the emulated Link panel (real Plaid Link is used instead)', async () => {
    const answer = await post('/api/emulator/link/complete', {
      linkToken: 'link-sandbox-00000000-0000-0000-0000-000000000000',
      username: 'user_good',
      password: 'pass_good',
    });
    expect(answer.status).toBe(409);
    expect(answer.body['error']).toMatchObject({
      code: 'EMULATOR_ONLY',
      message: expect.stringContaining('cdn.plaid.com'),
    });
  });

  it('returns an update-mode link token for Plaid Link instead of completing update mode itself', async () => {
    const { itemId } = await exchangedItem();
    const answer = await post(`/api/items/${itemId}/reconnect`, { runId: 'r4' });
    expect(answer.status).toBe(200);
    expect((answer.body['steps'] as StepState[]).map((step) => step.status)).toEqual([
      'done',
      'skipped',
      'skipped',
    ]);
    expect(answer.body['result']).toMatchObject({
      linkToken: expect.stringMatching(/^link-sandbox-/),
      health: null,
    });
  });
});

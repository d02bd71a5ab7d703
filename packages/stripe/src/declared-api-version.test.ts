import { InputValidationError } from '@achbridge/core';
import nock from 'nock';
import Stripe from 'stripe';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlaid,
  STRIPE_HOST,
  stripeObjects,
  TEST_KEY,
  useNock,
} from '../test/unit-harness.test-helpers.js';
import { createStripeAdapter } from './stripe-adapter.js';

const mandateInput = {
  customerId: 'cus_TestCustomer0001',
  bankAccountId: 'ba_1TestBankAccount000001',
  acceptance: { type: 'offline' as const },
};

beforeAll(useNock);
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

/** Answers one SetupIntent create and hands back the form body and `Stripe-Version` it carried. */
function captureSetupIntent(): Promise<{ body: Record<string, string>; version: string }> {
  return new Promise((resolve) => {
    let body: Record<string, string> = {};
    nock(STRIPE_HOST)
      .post('/v1/setup_intents', (sent: Record<string, string>) => {
        body = sent;
        return true;
      })
      .reply(function reply() {
        resolve({ body, version: String(this.req.headers['stripe-version']) });
        return [200, stripeObjects().setupIntent];
      });
  });
}

function inputErrorOf(action: () => unknown): InputValidationError {
  try {
    action();
  } catch (error) {
    if (InputValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InputValidationError');
}

describe('the API version next to a Stripe instance (no private SDK field is read)', () => {
  it('shapes intents by the declared version: payment_method_types at dahlia', async () => {
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: new Stripe(TEST_KEY, { apiVersion: '2026-07-29.dahlia' as Stripe.LatestApiVersion }),
      mode: 'test',
      apiVersion: '2026-07-29.dahlia',
    });
    const sent = captureSetupIntent();
    await adapter.createMandate(mandateInput);
    const { body, version } = await sent;
    expect(version).toBe('2026-07-29.dahlia');
    expect(body['payment_method_types[0]']).toBe('us_bank_account');
    expect(body['allowed_payment_method_types[0]']).toBeUndefined();
  });

  it("shapes intents by the declared version: allowed_payment_method_types at the SDK's pinned version", async () => {
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: new Stripe(TEST_KEY),
      mode: 'test',
      apiVersion: Stripe.API_VERSION,
    });
    const sent = captureSetupIntent();
    await adapter.createMandate(mandateInput);
    const { body, version } = await sent;
    expect(version).toBe(Stripe.API_VERSION);
    expect(body['allowed_payment_method_types[0]']).toBe('us_bank_account');
  });

  it('requires apiVersion next to an instance, before any call, naming the field', () => {
    const error = inputErrorOf(() =>
      createStripeAdapter({ plaid: createTestPlaid(), stripe: new Stripe(TEST_KEY), mode: 'test' }),
    );
    expect(error.field).toBe('apiVersion');
    expect(error.message).toContain('Stripe.API_VERSION');
  });

  it('refuses a malformed version, and a top-level apiVersion next to settings (stripe.apiVersion is that one)', () => {
    const malformed = inputErrorOf(() =>
      createStripeAdapter({
        plaid: createTestPlaid(),
        stripe: new Stripe(TEST_KEY),
        mode: 'test',
        apiVersion: 'latest',
      }),
    );
    expect(malformed.field).toBe('apiVersion');
    const withSettings = inputErrorOf(() =>
      createStripeAdapter({
        plaid: createTestPlaid(),
        stripe: { secretKey: TEST_KEY },
        apiVersion: '2026-07-29.dahlia',
      }),
    );
    expect(withSettings.field).toBe('apiVersion');
    expect(withSettings.message).toContain('stripe.apiVersion');
  });

  it('sends the settings apiVersion and shapes intents by it when the adapter builds the client', async () => {
    const adapter = createStripeAdapter({
      plaid: createTestPlaid(),
      stripe: { secretKey: TEST_KEY, apiVersion: '2025-03-31.basil' },
    });
    const sent = captureSetupIntent();
    await adapter.createMandate(mandateInput);
    const { body, version } = await sent;
    expect(version).toBe('2025-03-31.basil');
    expect(body['payment_method_types[0]']).toBe('us_bank_account');
  });
});

describe('the Stripe package reads no private stripe-node member', () => {
  it('has no getApiField, _-prefixed SDK member or @private API in its shipped sources', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const directory = new URL('./', import.meta.url);
    const shipped = readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(shipped.length).toBeGreaterThan(20);
    const offenders = shipped.filter((name) =>
      /getApiField|_setApiField|_authenticator|_api\b|_getPropsFromConfig|_emitter|_requestSender/.test(
        readFileSync(new URL(name, directory), 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

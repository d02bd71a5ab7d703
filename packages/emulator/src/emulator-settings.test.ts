import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorInputError } from './emulator-errors.js';
import { emulatorSettings } from './emulator-settings.js';
import { type RunningEmulator, startEmulator } from './start-emulator.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: {
      plaid: { clientId: 'custom-client', secret: 'custom-plaid-secret' },
      stripe: { secretKey: 'sk_test_customEmulatorKey', liveSecretKey: 'sk_live_customEmulatorKey' },
      dwolla: { key: 'custom-dwolla-key', secret: 'custom-dwolla-secret' },
    },
  });
});

afterAll(() => emulator.close());

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

describe('emulatorSettings', () => {
  it('hands every provider the base URL and the credentials this emulator accepts', () => {
    const settings = emulatorSettings(emulator);
    expect(settings).toEqual({
      plaid: {
        environment: 'sandbox',
        baseUrl: `${emulator.url}/plaid`,
        clientId: 'custom-client',
        secret: 'custom-plaid-secret',
      },
      stripe: { secretKey: 'sk_test_customEmulatorKey', baseUrl: emulator.url },
      dwolla: {
        environment: 'sandbox',
        baseUrl: `${emulator.url}/dwolla`,
        key: 'custom-dwolla-key',
        secret: 'custom-dwolla-secret',
      },
      modernTreasury: {
        environment: 'sandbox',
        baseUrl: `${emulator.url}/modern-treasury`,
        organizationId: emulator.modernTreasury.organizationId,
        apiKey: emulator.modernTreasury.apiKey,
      },
    });
  });

  it('gives settings each emulated provider authenticates', async () => {
    const { plaid, stripe, dwolla, modernTreasury } = emulatorSettings(emulator);
    const plaidAnswer = await fetch(`${plaid.baseUrl}/sandbox/public_token/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: plaid.clientId,
        secret: plaid.secret,
        institution_id: 'ins_109508',
        initial_products: ['auth'],
      }),
    });
    expect(plaidAnswer.status).toBe(200);
    expect(await plaidAnswer.json()).toMatchObject({
      public_token: expect.stringMatching(/^public-sandbox-/),
    });

    const stripeAnswer = await fetch(`${stripe.baseUrl}/v1/customers`, {
      headers: { authorization: `Bearer ${stripe.secretKey}` },
    });
    expect(stripeAnswer.status).toBe(200);
    expect(await stripeAnswer.json()).toMatchObject({ object: 'list' });

    const dwollaAnswer = await fetch(`${dwolla.baseUrl}/token`, {
      method: 'POST',
      headers: {
        authorization: basic(dwolla.key, dwolla.secret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(dwollaAnswer.status).toBe(200);
    expect(await dwollaAnswer.json()).toMatchObject({ token_type: 'bearer' });

    const mtAnswer = await fetch(`${modernTreasury.baseUrl}/api/counterparties`, {
      headers: { authorization: basic(modernTreasury.organizationId, modernTreasury.apiKey) },
    });
    expect(mtAnswer.status).toBe(200);
  });

  it.each([
    [null, 'emulator'],
    [{}, 'emulator.url'],
    [
      { url: 'http://127.0.0.1:1', plaid: {}, stripe: {}, dwolla: {}, modernTreasury: {} },
      'emulator.plaid.baseUrl',
    ],
  ])('names the missing part of what it was given (%j)', (input, field) => {
    const error = (() => {
      try {
        emulatorSettings(input as never);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(EmulatorInputError);
    expect(error).toMatchObject({ field });
  });
});

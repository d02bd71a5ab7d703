import { ConfigError } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStripeResolver } from './stripe-client.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('STRIPE_BASE_URL', () => {
  it('points a client built from empty settings at the emulator (with STRIPE_SECRET_KEY)', async () => {
    vi.stubEnv('STRIPE_BASE_URL', emulator.url);
    vi.stubEnv('STRIPE_SECRET_KEY', emulator.stripe.secretKey);
    const { stripe } = await createStripeResolver({}, {}).client();
    const customer = await stripe.customers.create({ email: 'env@example.com' });
    expect(customer.id).toMatch(/^cus_/);
    const listed = await stripe.customers.list({ email: 'env@example.com' });
    expect(listed.data.map((entry) => entry.id)).toEqual([customer.id]);
  });

  it('is not read when the settings name a host: baseUrl, host, port or protocol win', async () => {
    vi.stubEnv('STRIPE_BASE_URL', 'not a url');
    vi.stubEnv('STRIPE_SECRET_KEY', emulator.stripe.secretKey);
    const explicit = createStripeResolver({ baseUrl: emulator.url }, {});
    await expect((await explicit.client()).stripe.customers.list({ limit: 1 })).resolves.toMatchObject({
      object: 'list',
    });
    const byHost = createStripeResolver(
      { host: emulator.stripe.host, port: emulator.stripe.port, protocol: 'http' },
      {},
    );
    await expect((await byHost.client()).stripe.customers.list({ limit: 1 })).resolves.toMatchObject({
      object: 'list',
    });
  });

  it('refuses a value that is not an http(s) URL at creation, naming the variable and not the value', () => {
    vi.stubEnv('STRIPE_BASE_URL', 'ftp://user:pw-do-not-print@files.example.com');
    const error = thrownBy(() => createStripeResolver({ secretKey: emulator.stripe.secretKey }, {}));
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_ENVIRONMENT_VARIABLE' });
    expect((error as Error).message).toContain('STRIPE_BASE_URL');
    expect((error as Error).message).toContain('stripe.baseUrl');
    expect((error as Error).message).not.toContain('pw-do-not-print');
  });
});

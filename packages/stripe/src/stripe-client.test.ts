import { readdirSync, readFileSync } from 'node:fs';
import { ConfigError } from '@achbridge/core';
import Stripe from 'stripe';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStripeSdkLoader, type StripeSdk } from './load-stripe-sdk.js';
import { createStripeResolver } from './stripe-client.js';

const TEST_KEY = 'sk_test_resolverUnit0000';
const LIVE_KEY = 'sk_live_resolverUnit0000';

afterEach(() => {
  vi.unstubAllEnvs();
});

function countingLoader(): { load: () => Promise<StripeSdk>; calls: () => number } {
  let calls = 0;
  return {
    load: async () => {
      calls += 1;
      return Stripe;
    },
    calls: () => calls,
  };
}

function failingLoader(): () => Promise<StripeSdk> {
  return () => Promise.reject(new Error('the loader must not be called'));
}

describe('createStripeResolver with a Stripe instance', () => {
  it('takes the declared mode and API version at once, never reads the key and never loads the SDK', async () => {
    // A live key with a declared 'test': the instance is opaque to achbridge; Stripe's answers are checked.
    const instance = new Stripe(LIVE_KEY);
    const resolver = createStripeResolver(
      instance,
      { mode: 'test', apiVersion: '2026-07-29.dahlia' },
      failingLoader(),
    );
    expect(resolver.mode()).toBe('test');
    expect(resolver.declaredMode).toBe('test');
    await expect(resolver.client()).resolves.toEqual({ stripe: instance, apiVersion: '2026-07-29.dahlia' });
    expect((await resolver.client()).stripe).toBe(instance);
  });

  it('throws STRIPE_API_VERSION_UNKNOWN at creation when no API version is declared next to the instance', () => {
    expect(() => createStripeResolver(new Stripe(TEST_KEY), { mode: 'test' }, failingLoader())).toThrow(
      expect.objectContaining({
        code: 'STRIPE_API_VERSION_UNKNOWN',
        message: expect.stringContaining('Stripe.API_VERSION'),
      }),
    );
  });

  it('throws STRIPE_MODE_UNKNOWN at creation when no mode is declared next to the instance', () => {
    expect(() => createStripeResolver(new Stripe(TEST_KEY), {}, failingLoader())).toThrow(
      expect.objectContaining({
        code: 'STRIPE_MODE_UNKNOWN',
        message: expect.stringContaining('stripeModeOfKey'),
      }),
    );
  });
});

describe('createStripeResolver with settings', () => {
  it('reads the mode from the key without loading the SDK', () => {
    const loader = countingLoader();
    const resolver = createStripeResolver({ secretKey: LIVE_KEY }, {}, loader.load);
    expect(resolver.mode()).toBe('live');
    expect(resolver.declaredMode).toBeUndefined();
    expect(loader.calls()).toBe(0);
  });

  it('loads the SDK once for concurrent first calls and builds one client', async () => {
    const loader = countingLoader();
    const resolver = createStripeResolver({ secretKey: TEST_KEY }, {}, loader.load);
    const [first, second] = await Promise.all([resolver.client(), resolver.client()]);
    expect(first).toBe(second);
    expect(first.stripe).toBeInstanceOf(Stripe);
    expect(await resolver.client()).toBe(first);
    expect(loader.calls()).toBe(1);
  });

  it("knows the API version it built the client with: the settings' apiVersion, else the SDK's pinned one", async () => {
    const pinned = createStripeResolver({ secretKey: TEST_KEY, apiVersion: '2026-07-29.dahlia' }, {});
    expect((await pinned.client()).apiVersion).toBe('2026-07-29.dahlia');
    const sdkDefault = createStripeResolver({ secretKey: TEST_KEY }, {});
    expect((await sdkDefault.client()).apiVersion).toBe(Stripe.API_VERSION);
  });

  it('rejects a mismatching environment key before loading the SDK', async () => {
    vi.stubEnv('STRIPE_SECRET_KEY', LIVE_KEY);
    const loader = countingLoader();
    const resolver = createStripeResolver({}, { mode: 'test' }, loader.load);
    const error = await resolver.client().catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('STRIPE_MODE_MISMATCH');
    expect(loader.calls()).toBe(0);
  });

  it('retries the SDK load on the next call after a failed one', async () => {
    let calls = 0;
    const resolver = createStripeResolver({ secretKey: TEST_KEY }, {}, async () => {
      calls += 1;
      if (calls === 1) throw new ConfigError('not yet', { code: 'STRIPE_SDK_UNAVAILABLE' });
      return Stripe;
    });
    await expect(resolver.client()).rejects.toMatchObject({ code: 'STRIPE_SDK_UNAVAILABLE' });
    expect((await resolver.client()).stripe).toBeInstanceOf(Stripe);
    expect(calls).toBe(2);
  });
});

describe('createStripeSdkLoader', () => {
  it('imports the SDK once and hands back its default export', async () => {
    let imports = 0;
    const load = createStripeSdkLoader(async () => {
      imports += 1;
      return { default: Stripe };
    });
    expect(await load()).toBe(Stripe);
    expect(await load()).toBe(Stripe);
    expect(imports).toBe(1);
  });

  it('loads the real `stripe` package by default', async () => {
    expect(await createStripeSdkLoader()()).toBe(Stripe);
  });

  it('turns a failed import into a ConfigError and tries again on the next call', async () => {
    let imports = 0;
    const missing = Object.assign(new Error("Cannot find package 'stripe'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const load = createStripeSdkLoader(async () => {
      imports += 1;
      if (imports === 1) throw missing;
      return { default: Stripe };
    });
    const error = await load().catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'STRIPE_SDK_UNAVAILABLE', cause: missing });
    expect((error as Error).message).toContain('npm install stripe');
    expect(await load()).toBe(Stripe);
    expect(imports).toBe(2);
  });
});

describe('the shipped sources', () => {
  it('import `stripe` only as types, so importing @achbridge/stripe does not load the SDK', () => {
    const directory = new URL('./', import.meta.url);
    const shipped = readdirSync(directory).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    expect(shipped).toContain('stripe-client.ts');
    const runtimeImports = shipped.filter((name) =>
      /^import\s+(?!type\b)[^;]*from\s+'stripe';/m.test(readFileSync(new URL(name, directory), 'utf8')),
    );
    expect(runtimeImports).toEqual([]);
  });
});

import { ConfigError, type FetchFunction } from '@achbridge/core';
import { baseUrlFromEnvironment, lazySetting } from '@achbridge/core/internal';
import type Stripe from 'stripe';
import { loadStripeSdk, type StripeSdk } from './load-stripe-sdk.js';
import { type StripeMode, stripeModeOfKey } from './mode-guard.js';
import { createObjectBodyHttpClient } from './object-body-http-client.js';

/** Settings for a Stripe client that achbridge builds itself. */
export interface StripeClientSettings {
  /** Secret (`sk_`) or restricted (`rk_`) key; falls back to STRIPE_SECRET_KEY, read at first call. */
  secretKey?: string | undefined;
  /**
   * Base URL of a Stripe-compatible server, e.g. the emulator's `http://127.0.0.1:4010`; sets host, port and
   * protocol. When none of `baseUrl`, `host`, `port` and `protocol` is given, STRIPE_BASE_URL is read instead.
   */
  baseUrl?: string | undefined;
  /** API host (default `api.stripe.com`). */
  host?: string | undefined;
  /** API port (default 443). */
  port?: number | undefined;
  /** `https` (default) or `http` (local emulators only). */
  protocol?: 'http' | 'https' | undefined;
  /**
   * Injectable fetch (tests, proxies, observing calls), as for every other achbridge client: stripe-node sends
   * through it with its own fetch client (`Stripe.createFetchHttpClient(fetch)`). Without it, stripe-node's
   * default transport for the runtime (node:http on Node).
   */
  fetch?: FetchFunction | undefined;
  /** Per-attempt timeout in ms (default: stripe-node's 80000). */
  timeoutMs?: number | undefined;
  /** Stripe API version to pin (default: the SDK's). */
  apiVersion?: string | undefined;
}

/** A resolved Stripe client and the API version it sends. */
export interface ResolvedStripeClient {
  /** The stripe-node client. */
  stripe: Stripe;
  /** The API version every request of `stripe` carries (unless a request names its own). */
  apiVersion: string;
}

/** What the caller declares next to a Stripe instance, whose key and API version achbridge never reads. */
export interface DeclaredStripeInstance {
  /** The mode (test/live) of the instance's key. */
  mode?: StripeMode | undefined;
  /** The API version the instance sends. */
  apiVersion?: string | undefined;
}

/** The Stripe client achbridge calls, resolved in two steps: the key's mode first, the client later. */
export interface StripeResolver {
  /**
   * The mode (test/live) of the key, checked against the `mode` hint; reads STRIPE_SECRET_KEY on first
   * use and needs no SDK. Throws a ConfigError for a missing or malformed key or a mismatch.
   */
  mode(): StripeMode;
  /** The client and its API version, built once; for settings, the first call loads the `stripe` SDK. */
  client(): Promise<ResolvedStripeClient>;
  /** For a passed-in instance: the mode its caller declared, which Stripe's answers are checked against. */
  declaredMode?: StripeMode | undefined;
}

/** Whether `value` looks like a stripe-node client instance. */
export function isStripeInstance(value: unknown): value is Stripe {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { customers?: unknown; tokens?: unknown; paymentIntents?: unknown };
  return (
    typeof candidate.customers === 'object' &&
    typeof candidate.tokens === 'object' &&
    typeof candidate.paymentIntents === 'object'
  );
}

/** STRIPE_BASE_URL, read only when the settings name no host at all (explicit options win). */
function environmentBaseUrl(settings: StripeClientSettings): string | undefined {
  const explicit = [settings.baseUrl, settings.host, settings.port, settings.protocol];
  if (explicit.some((value) => value !== undefined)) return undefined;
  return baseUrlFromEnvironment({
    environmentVariable: 'STRIPE_BASE_URL',
    optionName: 'stripe.baseUrl',
    example: 'http://127.0.0.1:4010',
  });
}

/** stripe-node's host, port and protocol options from `baseUrl` (explicit or STRIPE_BASE_URL) or the settings. */
function hostSettings(settings: StripeClientSettings): {
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
} {
  if (settings.baseUrl === undefined) {
    return {
      ...(settings.host === undefined ? {} : { host: settings.host }),
      ...(settings.port === undefined ? {} : { port: settings.port }),
      ...(settings.protocol === undefined ? {} : { protocol: settings.protocol }),
    };
  }
  const url = new URL(settings.baseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname,
    port: url.port === '' ? (protocol === 'http' ? 80 : 443) : Number(url.port),
    protocol,
  };
}

/**
 * The mode of a passed-in instance: the caller declares it with `mode`. stripe-node has no public way to read
 * an instance's key, so achbridge never looks inside the instance; Stripe's answers (`livemode`) are checked
 * against the declared mode instead (see `callStripe`).
 */
function resolveInstanceMode(modeHint: StripeMode | undefined): StripeMode {
  if (modeHint === undefined) {
    throw new ConfigError(
      "Pass `mode: 'test'` or `mode: 'live'` to createStripeAdapter next to your Stripe instance (e.g. `mode: stripeModeOfKey(key)`): the Plaid/Stripe mode check runs before any call, and achbridge does not read the key inside a Stripe instance.",
      { code: 'STRIPE_MODE_UNKNOWN' },
    );
  }
  return modeHint;
}

/**
 * The API version of an instance: the caller declares it with `apiVersion` (stripe-node has no public
 * getter for an instance's version, and achbridge reads no private field).
 */
function resolveInstanceApiVersion(apiVersion: string | undefined): string {
  if (apiVersion === undefined) {
    throw new ConfigError(
      'Pass `apiVersion` to createStripeAdapter next to your Stripe instance: the version you gave `new Stripe(key, { apiVersion })`, or `Stripe.API_VERSION` if you gave none. achbridge shapes PaymentIntent and SetupIntent requests by it and does not read private fields of a Stripe instance.',
      { code: 'STRIPE_API_VERSION_UNKNOWN' },
    );
  }
  return apiVersion;
}

function buildClient(sdk: StripeSdk, key: string, settings: StripeClientSettings): ResolvedStripeClient {
  const stripe = new sdk(key, {
    maxNetworkRetries: 0,
    httpClient: createObjectBodyHttpClient(sdk, settings.fetch),
    ...hostSettings(settings),
    ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
    ...(settings.apiVersion === undefined
      ? {}
      : { apiVersion: settings.apiVersion as Stripe.LatestApiVersion }),
    appInfo: { name: '@achbridge/stripe' },
    // No request-metrics headers: they fill stripe-node's buffer under load and print warnings.
    telemetry: false,
  });
  // Without `apiVersion`, stripe-node sends the version it pins, its documented static `API_VERSION`.
  return { stripe, apiVersion: settings.apiVersion ?? sdk.API_VERSION };
}

/**
 * Creates the resolver of the Stripe client: a passed-in instance is used as is, with the mode and API
 * version its caller declared (its SDK retries are turned off per request). Settings build a client with
 * `maxNetworkRetries: 0`; the `stripe` SDK is imported only then (`loadSdk`), so importing achbridge does
 * not load it. Either way stripe-node's one built-in retry of a closed connection stays on: it re-sends the
 * same Idempotency-Key, so it cannot duplicate a write.
 */
export function createStripeResolver(
  input: Stripe | StripeClientSettings,
  declared: DeclaredStripeInstance,
  loadSdk: () => Promise<StripeSdk> = loadStripeSdk,
): StripeResolver {
  const modeHint = declared.mode;
  if (isStripeInstance(input)) {
    const mode = resolveInstanceMode(modeHint);
    const resolved = { stripe: input, apiVersion: resolveInstanceApiVersion(declared.apiVersion) };
    return { mode: () => mode, declaredMode: mode, client: async () => resolved };
  }
  const fromEnvironment = environmentBaseUrl(input);
  const settings: StripeClientSettings =
    fromEnvironment === undefined ? input : { ...input, baseUrl: fromEnvironment };
  const secretKey = lazySetting({
    value: input.secretKey,
    environmentVariable: 'STRIPE_SECRET_KEY',
    optionName: 'stripe.secretKey',
    description: 'Stripe secret key',
    secret: true,
  });
  let resolvedKey: { key: string; mode: StripeMode } | undefined;
  const resolveKey = (): { key: string; mode: StripeMode } => {
    if (resolvedKey) return resolvedKey;
    const key = secretKey();
    const mode = stripeModeOfKey(key);
    if (modeHint !== undefined && modeHint !== mode) {
      throw new ConfigError(`\`mode\` is '${modeHint}' but stripe.secretKey is a ${mode} mode key.`, {
        code: 'STRIPE_MODE_MISMATCH',
      });
    }
    resolvedKey = { key, mode };
    return resolvedKey;
  };
  let client: Promise<ResolvedStripeClient> | undefined;
  return {
    mode: () => resolveKey().mode,
    client: async () => {
      const { key } = resolveKey();
      if (!client) {
        const building = loadSdk().then((sdk) => buildClient(sdk, key, settings));
        // A failed load or construction is not kept: the next call tries again.
        building.catch(() => {
          if (client === building) client = undefined;
        });
        client = building;
      }
      return client;
    },
  };
}

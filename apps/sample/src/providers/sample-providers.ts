import {
  type AdapterStore,
  ConfigError,
  createPlaidClient,
  type PlaidClient,
  parseInput,
} from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient, type DwollaAdapter } from '@achbridge/dwolla';
import {
  createControlClient,
  DEFAULT_CREDENTIALS,
  type EmulatorControlClient,
  MODERN_TREASURY_CREDENTIALS,
  startEmulator,
} from '@achbridge/emulator';
import { createModernTreasuryAdapter, type ModernTreasuryAdapter } from '@achbridge/modern-treasury';
import { createStripeAdapter, type StripeAdapter } from '@achbridge/stripe';
import Stripe from 'stripe';
import { z } from 'zod';
import { recordCall } from '../calls/call-context.js';
import { createRecordingFetch } from '../calls/recording-fetch.js';
import type { SampleConfig, SampleMode } from '../config/sample-config.js';
import { createDwollaBalanceFinder } from './dwolla-balance.js';

/** The emulator the sample talks to in emulator mode. */
export interface EmulatorAccess {
  /** Origin, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Control API client (clock, Link completion, Item repair). */
  control: EmulatorControlClient;
  /** A live mode Stripe key the emulator knows, for the mode-guard demonstration (never sent anywhere). */
  liveSecretKey: string;
}

/** Everything the sample's flows call, built once per server or CLI run. */
export interface SampleProviders {
  mode: SampleMode;
  /** Plaid Sandbox (real or emulated); records every call for the running flow. */
  plaid: PlaidClient;
  /** The Stripe adapter, or undefined with `stripeUnavailable` saying why. */
  stripe: StripeAdapter | undefined;
  stripeUnavailable: string | undefined;
  /** The Dwolla adapter, or undefined with `dwollaUnavailable` saying why. */
  dwolla: DwollaAdapter | undefined;
  dwollaUnavailable: string | undefined;
  /** Finds your Dwolla account's balance funding source (the destination of the $1.00 debit). */
  dwollaBalance?: (() => Promise<string>) | undefined;
  /** The Modern Treasury adapter, or undefined with `modernTreasuryUnavailable` saying why. */
  modernTreasury: ModernTreasuryAdapter | undefined;
  modernTreasuryUnavailable: string | undefined;
  /** The emulator, in emulator mode. */
  emulator: EmulatorAccess | undefined;
  /** Stops an emulator started in process (a shared one from EMULATOR_URL is left running). */
  close(): Promise<void>;
}

/** Test-tuning knobs (small retry delays keep tests fast). */
export interface SampleProviderTuning {
  /** Base delay of provider retries in ms (default: each client's own). */
  retryInitialDelayMs?: number;
}

/** Builds a Stripe client whose responses (method, path, status, request id) are recorded for the running flow. */
function createRecordedStripe(
  secretKey: string,
  server: { host: string; port: number; protocol: 'http' | 'https' } | undefined,
): Stripe {
  const stripe = new Stripe(secretKey, {
    maxNetworkRetries: 0,
    appInfo: { name: '@achbridge/sample' },
    ...(server ?? {}),
  });
  stripe.on('response', (event: Stripe.ResponseEvent) => {
    recordCall({
      provider: 'stripe',
      method: event.method.toUpperCase(),
      endpoint: event.path.split('?')[0] ?? event.path,
      status: event.status,
      requestId: event.request_id ?? null,
    });
  });
  return stripe;
}

function serverOf(url: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? (protocol === 'https' ? 443 : 80) : Number(parsed.port),
    protocol,
  };
}

const configSchema = z.object({
  mode: z.enum(['emulator', 'sandbox']),
  emulatorUrl: z.string().optional(),
  plaid: z.object({ clientId: z.string(), secret: z.string() }).optional(),
  stripeSecretKey: z.string().optional(),
  dwolla: z.object({ key: z.string(), secret: z.string() }).optional(),
  modernTreasury: z.object({ organizationId: z.string(), apiKey: z.string() }).optional(),
});
const tuningSchema = z.object({ retryInitialDelayMs: z.number().int().min(0).optional() }).default({});

/**
 * Creates the Plaid client and the Stripe, Dwolla and Modern Treasury adapters: against the emulator (EMULATOR_URL, or one
 * started in process) when no Plaid keys are set, else against the real sandboxes with the keys given.
 */
export async function createSampleProviders(
  config: Pick<
    SampleConfig,
    'mode' | 'emulatorUrl' | 'plaid' | 'stripeSecretKey' | 'dwolla' | 'modernTreasury'
  >,
  tuning: SampleProviderTuning = {},
  /** A durable store the adapters record processor links and payments in (once per key, across restarts). */
  store?: AdapterStore,
): Promise<SampleProviders> {
  const parsed = parseInput('createSampleProviders', configSchema, config);
  const stored = store === undefined ? {} : { store };
  const { retryInitialDelayMs } = parseInput('createSampleProviders', tuningSchema, tuning);
  const plaidRetry = retryInitialDelayMs === undefined ? {} : { initialRetryDelayMs: retryInitialDelayMs };
  const dwollaRetry = retryInitialDelayMs === undefined ? {} : { retryInitialDelayMs };
  const stripeRetry =
    retryInitialDelayMs === undefined ? {} : { retry: { initialDelayMs: retryInitialDelayMs } };
  const modernTreasuryFetch = (basePath?: string) =>
    createRecordingFetch({
      provider: 'modern_treasury',
      fetch: globalThis.fetch,
      ...(basePath === undefined ? {} : { basePath }),
    });

  if (parsed.mode === 'emulator') {
    const running = parsed.emulatorUrl === undefined ? await startEmulator() : undefined;
    const url = running?.url ?? (parsed.emulatorUrl as string);
    const credentials = DEFAULT_CREDENTIALS;
    const plaid = createPlaidClient({
      environment: 'sandbox',
      baseUrl: `${url}/plaid`,
      clientId: credentials.plaid.clientId,
      secret: credentials.plaid.secret,
      fetch: createRecordingFetch({ provider: 'plaid', fetch: globalThis.fetch, basePath: '/plaid' }),
      ...plaidRetry,
    });
    const stripe = createStripeAdapter({
      plaid,
      stripe: createRecordedStripe(credentials.stripe.secretKey, serverOf(url)),
      ...stripeRetry,
      ...stored,
    });
    const dwollaClient = createDwollaClient({
      environment: 'sandbox',
      baseUrl: `${url}/dwolla`,
      key: credentials.dwolla.key,
      secret: credentials.dwolla.secret,
      fetch: createRecordingFetch({ provider: 'dwolla', fetch: globalThis.fetch, basePath: '/dwolla' }),
      ...dwollaRetry,
    });
    return {
      mode: 'emulator',
      plaid,
      stripe,
      stripeUnavailable: undefined,
      dwolla: createDwollaAdapter({ plaid, dwolla: dwollaClient, ...stored }),
      dwollaUnavailable: undefined,
      dwollaBalance: createDwollaBalanceFinder(dwollaClient),
      modernTreasury: createModernTreasuryAdapter({
        plaid,
        modernTreasury: {
          environment: 'sandbox',
          baseUrl: `${url}/modern-treasury`,
          organizationId: MODERN_TREASURY_CREDENTIALS.organizationId,
          apiKey: MODERN_TREASURY_CREDENTIALS.apiKey,
          fetch: modernTreasuryFetch('/modern-treasury'),
        },
        ...stripeRetry,
        ...stored,
      }),
      modernTreasuryUnavailable: undefined,
      emulator: {
        url,
        control: running?.control ?? createControlClient(url),
        liveSecretKey: credentials.stripe.liveSecretKey,
      },
      close: async () => {
        await running?.close();
      },
    };
  }

  if (parsed.plaid === undefined) {
    throw new ConfigError('createSampleProviders: sandbox mode needs PLAID_CLIENT_ID and PLAID_SECRET.');
  }
  const plaid = createPlaidClient({
    environment: 'sandbox',
    clientId: parsed.plaid.clientId,
    secret: parsed.plaid.secret,
    fetch: createRecordingFetch({ provider: 'plaid', fetch: globalThis.fetch }),
    ...plaidRetry,
  });
  const stripe =
    parsed.stripeSecretKey === undefined
      ? undefined
      : createStripeAdapter({
          plaid,
          stripe: createRecordedStripe(parsed.stripeSecretKey, undefined),
          ...stripeRetry,
          ...stored,
        });
  const sandboxDwolla =
    parsed.dwolla === undefined
      ? undefined
      : createDwollaClient({
          environment: 'sandbox',
          key: parsed.dwolla.key,
          secret: parsed.dwolla.secret,
          fetch: createRecordingFetch({ provider: 'dwolla', fetch: globalThis.fetch }),
          ...dwollaRetry,
        });
  const dwolla =
    sandboxDwolla === undefined
      ? undefined
      : createDwollaAdapter({ plaid, dwolla: sandboxDwolla, ...stored });
  const modernTreasury =
    parsed.modernTreasury === undefined
      ? undefined
      : createModernTreasuryAdapter({
          plaid,
          modernTreasury: {
            environment: 'sandbox',
            organizationId: parsed.modernTreasury.organizationId,
            apiKey: parsed.modernTreasury.apiKey,
            fetch: modernTreasuryFetch(),
          },
          ...stripeRetry,
          ...stored,
        });
  return {
    mode: 'sandbox',
    plaid,
    stripe,
    stripeUnavailable:
      stripe === undefined
        ? 'Set STRIPE_SECRET_KEY to a Stripe test mode key (sk_test_...) of the Stripe account linked to your Plaid account (Plaid Dashboard > Integrations).'
        : undefined,
    dwolla,
    dwollaUnavailable:
      dwolla === undefined
        ? 'Set DWOLLA_KEY and DWOLLA_SECRET (Dwolla Sandbox application) and enable the Dwolla integration in the Plaid Dashboard.'
        : undefined,
    dwollaBalance: sandboxDwolla === undefined ? undefined : createDwollaBalanceFinder(sandboxDwolla),
    modernTreasury,
    modernTreasuryUnavailable:
      modernTreasury === undefined
        ? 'Set MODERN_TREASURY_ORGANIZATION_ID and MODERN_TREASURY_API_KEY (a sandbox API key) and enable the Modern Treasury integration in the Plaid Dashboard.'
        : undefined,
    emulator: undefined,
    close: async () => {},
  };
}

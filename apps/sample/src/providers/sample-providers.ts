import {
  type AdapterStore,
  ConfigError,
  createPlaidClient,
  type PlaidClient,
  parseInput,
  type RetrySettings,
} from '@achbridge/core';
import {
  createControlClient,
  DEFAULT_CREDENTIALS,
  type EmulatorControlClient,
  startEmulator,
} from '@achbridge/emulator';
import { z } from 'zod';
import { createRecordingFetch } from '../calls/recording-fetch.js';
import type { SampleConfig, SampleMode } from '../config/sample-config.js';
import type { ProcessorSlot } from '../processors/processor-client.js';
import { SAMPLE_PROCESSORS } from '../processors/registry.js';
import type { ProcessorClientContext } from '../processors/sample-processor.js';

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
  /** Each registered processor's client, or why it is unavailable, by processor key (e.g. `stripe`). */
  processors: Readonly<Record<string, ProcessorSlot>>;
  /** The emulator, in emulator mode. */
  emulator: EmulatorAccess | undefined;
  /** Stops an emulator started in process (a shared one from EMULATOR_URL is left running). */
  close(): Promise<void>;
}

/** Test-tuning knobs (small retry delays keep tests fast). */
export interface SampleProviderTuning {
  /** Retry tuning of every provider client, `{ maxRetries, initialDelayMs, maxDelayMs }` (default: each client's own). */
  retry?: RetrySettings;
}

const configSchema = z.object({
  mode: z.enum(['emulator', 'sandbox']),
  emulatorUrl: z.string().optional(),
  plaid: z.object({ clientId: z.string(), secret: z.string() }).optional(),
  processorKeys: z.record(z.string(), z.unknown()).default({}),
});
// The fields are validated by each client that takes `retry`; here only its shape.
const retrySchema = z.custom<RetrySettings>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'must be { maxRetries?, initialDelayMs?, maxDelayMs? }',
);
const tuningSchema = z.object({ retry: retrySchema.optional() }).default({});

/** Builds every registered processor's client (or the reason it is unavailable). */
function createProcessorSlots(
  context: ProcessorClientContext,
  keys: Readonly<Record<string, unknown>>,
): Record<string, ProcessorSlot> {
  const slots: Record<string, ProcessorSlot> = {};
  for (const processor of SAMPLE_PROCESSORS) {
    const client = processor.createClient(context, keys[processor.key]);
    slots[processor.key] = { client, unavailable: client === undefined ? processor.keys.missing : undefined };
  }
  return slots;
}

/**
 * Creates the Plaid client and every registered processor's client: against the emulator (EMULATOR_URL, or one
 * started in process) when no Plaid keys are set, else against the real sandboxes with the keys given.
 */
export async function createSampleProviders(
  config: Pick<SampleConfig, 'mode' | 'emulatorUrl' | 'plaid' | 'processorKeys'>,
  tuning: SampleProviderTuning = {},
  /** A durable store the adapters record processor links and payments in (once per key, across restarts). */
  store?: AdapterStore,
): Promise<SampleProviders> {
  const parsed = parseInput('createSampleProviders', configSchema, config);
  const { retry } = parseInput('createSampleProviders', tuningSchema, tuning);
  const plaidRetry = retry === undefined ? {} : { retry };

  if (parsed.mode === 'emulator') {
    const running = parsed.emulatorUrl === undefined ? await startEmulator() : undefined;
    const url = running?.url ?? (parsed.emulatorUrl as string);
    const plaid = createPlaidClient({
      environment: 'sandbox',
      baseUrl: `${url}/plaid`,
      clientId: DEFAULT_CREDENTIALS.plaid.clientId,
      secret: DEFAULT_CREDENTIALS.plaid.secret,
      fetch: createRecordingFetch({ provider: 'plaid', fetch: globalThis.fetch, basePath: '/plaid' }),
      ...plaidRetry,
    });
    return {
      mode: 'emulator',
      plaid,
      processors: createProcessorSlots({ plaid, emulatorUrl: url, retry, store }, {}),
      emulator: {
        url,
        control: running?.control ?? createControlClient(url),
        liveSecretKey: DEFAULT_CREDENTIALS.stripe.liveSecretKey,
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
  return {
    mode: 'sandbox',
    plaid,
    processors: createProcessorSlots({ plaid, emulatorUrl: undefined, retry, store }, parsed.processorKeys),
    emulator: undefined,
    close: async () => {},
  };
}

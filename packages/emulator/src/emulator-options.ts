import { EmulatorInputError } from './emulator-errors.js';
import {
  readObject,
  readOptionalInteger,
  readOptionalString,
  rejectUnknownKeys,
} from './input-validation.js';
import {
  DEFAULT_CREDENTIALS,
  type DwollaDuplicateAnswer,
  type EmulatorCredentials,
  type EmulatorTuning,
} from './types.js';

/** Options for `startEmulator`; everything is optional. */
export interface StartEmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Credentials the emulated providers accept instead of the documented defaults (per field). */
  credentials?: {
    plaid?: Partial<EmulatorCredentials['plaid']>;
    stripe?: Partial<EmulatorCredentials['stripe']>;
    dwolla?: Partial<EmulatorCredentials['dwolla']>;
  };
  /** Timing knobs (token lifetimes, webhook retry pacing) so tests run fast. */
  tuning?: Partial<EmulatorTuning>;
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get the provider's 413. */
  bodyLimitBytes?: number;
  /**
   * A JSON file the emulator keeps its state in: loaded at start when it exists, rewritten (atomically) after
   * every change and on close, so a restarted emulator still knows its Items, customers and payments.
   * Access tokens are kept as SHA-256 hashes only.
   */
  stateFile?: string;
}

/** `startEmulator` options after validation and defaults. */
export interface ResolvedEmulatorOptions {
  port: number;
  host: string;
  credentials: EmulatorCredentials;
  tuning: EmulatorTuning;
  bodyLimitBytes: number;
  stateFile: string | undefined;
}

/** The default timing knobs. */
export const DEFAULT_TUNING: EmulatorTuning = {
  dwollaTokenTtlSeconds: 3600,
  webhookRetryDelayMs: 2000,
  webhookRetries: 'quick',
  webhookTimeoutMs: 10_000,
  dwollaDuplicateAnswer: 'ValidationError',
  stripePlaidProcessor: null,
};

function readWebhookRetries(value: unknown): EmulatorTuning['webhookRetries'] | undefined {
  const mode = readOptionalString(value, 'tuning.webhookRetries');
  if (mode === undefined || mode === 'quick' || mode === 'provider') return mode;
  throw new EmulatorInputError('tuning.webhookRetries', "must be 'quick' or 'provider'");
}

const DUPLICATE_ANSWERS: readonly DwollaDuplicateAnswer[] = ['ValidationError', 'DuplicateResource'];

function readDuplicateAnswer(value: unknown): DwollaDuplicateAnswer | undefined {
  const answer = readOptionalString(value, 'tuning.dwollaDuplicateAnswer');
  if (answer === undefined) return undefined;
  if (!DUPLICATE_ANSWERS.includes(answer as DwollaDuplicateAnswer)) {
    throw new EmulatorInputError(
      'tuning.dwollaDuplicateAnswer',
      `must be one of ${DUPLICATE_ANSWERS.join(', ')}`,
    );
  }
  return answer as DwollaDuplicateAnswer;
}

/** Reads `tuning.stripePlaidProcessor`: null, or a lower-case Plaid processor name. */
function readProcessorName(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const name = readOptionalString(value, 'tuning.stripePlaidProcessor');
  if (name === undefined || !/^[a-z][a-z0-9_]{0,63}$/.test(name)) {
    throw new EmulatorInputError(
      'tuning.stripePlaidProcessor',
      'must be a Plaid processor name (lower-case letters, digits and _) or null',
    );
  }
  return name;
}

/** The default request body limit (1 MiB). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

const OPTION_KEYS = ['port', 'host', 'credentials', 'tuning', 'bodyLimitBytes', 'stateFile'];

/** Validates `startEmulator` options and fills in defaults; throws `EmulatorInputError` naming the field. */
export function resolveEmulatorOptions(input: unknown): ResolvedEmulatorOptions {
  const options = readObject(input, 'options');
  rejectUnknownKeys(options, OPTION_KEYS, '');
  const credentials = readObject(options['credentials'], 'credentials');
  rejectUnknownKeys(credentials, ['plaid', 'stripe', 'dwolla'], 'credentials');
  const plaid = readObject(credentials['plaid'], 'credentials.plaid');
  rejectUnknownKeys(plaid, ['clientId', 'secret'], 'credentials.plaid');
  const stripe = readObject(credentials['stripe'], 'credentials.stripe');
  rejectUnknownKeys(stripe, ['secretKey', 'liveSecretKey'], 'credentials.stripe');
  const dwolla = readObject(credentials['dwolla'], 'credentials.dwolla');
  rejectUnknownKeys(dwolla, ['key', 'secret'], 'credentials.dwolla');
  const tuning = readObject(options['tuning'], 'tuning');
  rejectUnknownKeys(tuning, Object.keys(DEFAULT_TUNING), 'tuning');

  const secretKey = readOptionalString(stripe['secretKey'], 'credentials.stripe.secretKey');
  if (secretKey !== undefined && !secretKey.startsWith('sk_test_')) {
    throw new EmulatorInputError('credentials.stripe.secretKey', "must start with 'sk_test_'");
  }
  const liveSecretKey = readOptionalString(stripe['liveSecretKey'], 'credentials.stripe.liveSecretKey');
  if (liveSecretKey !== undefined && !liveSecretKey.startsWith('sk_live_')) {
    throw new EmulatorInputError('credentials.stripe.liveSecretKey', "must start with 'sk_live_'");
  }
  return {
    port: readOptionalInteger(options['port'], 'port', 0, 65_535) ?? 0,
    host: readOptionalString(options['host'], 'host') ?? '127.0.0.1',
    credentials: {
      plaid: {
        clientId:
          readOptionalString(plaid['clientId'], 'credentials.plaid.clientId') ??
          DEFAULT_CREDENTIALS.plaid.clientId,
        secret:
          readOptionalString(plaid['secret'], 'credentials.plaid.secret') ?? DEFAULT_CREDENTIALS.plaid.secret,
      },
      stripe: {
        secretKey: secretKey ?? DEFAULT_CREDENTIALS.stripe.secretKey,
        liveSecretKey: liveSecretKey ?? DEFAULT_CREDENTIALS.stripe.liveSecretKey,
      },
      dwolla: {
        key: readOptionalString(dwolla['key'], 'credentials.dwolla.key') ?? DEFAULT_CREDENTIALS.dwolla.key,
        secret:
          readOptionalString(dwolla['secret'], 'credentials.dwolla.secret') ??
          DEFAULT_CREDENTIALS.dwolla.secret,
      },
    },
    tuning: {
      dwollaTokenTtlSeconds:
        readOptionalInteger(tuning['dwollaTokenTtlSeconds'], 'tuning.dwollaTokenTtlSeconds', 1, 31_536_000) ??
        DEFAULT_TUNING.dwollaTokenTtlSeconds,
      webhookRetryDelayMs:
        readOptionalInteger(tuning['webhookRetryDelayMs'], 'tuning.webhookRetryDelayMs', 0, 86_400_000) ??
        DEFAULT_TUNING.webhookRetryDelayMs,
      webhookRetries: readWebhookRetries(tuning['webhookRetries']) ?? DEFAULT_TUNING.webhookRetries,
      webhookTimeoutMs:
        readOptionalInteger(tuning['webhookTimeoutMs'], 'tuning.webhookTimeoutMs', 1, 600_000) ??
        DEFAULT_TUNING.webhookTimeoutMs,
      dwollaDuplicateAnswer:
        readDuplicateAnswer(tuning['dwollaDuplicateAnswer']) ?? DEFAULT_TUNING.dwollaDuplicateAnswer,
      stripePlaidProcessor: readProcessorName(tuning['stripePlaidProcessor']),
    },
    bodyLimitBytes:
      readOptionalInteger(options['bodyLimitBytes'], 'bodyLimitBytes', 1024, 100 * 1024 * 1024) ??
      DEFAULT_BODY_LIMIT_BYTES,
    stateFile: readStateFile(options['stateFile']),
  };
}

function readStateFile(value: unknown): string | undefined {
  const path = readOptionalString(value, 'stateFile');
  if (path !== undefined && path.trim() === '') {
    throw new EmulatorInputError('stateFile', 'must be a file path');
  }
  return path;
}

import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError, parseInput, registerSecret } from '@achbridge/core';
import { z } from 'zod';
import { SAMPLE_PROCESSORS } from '../processors/registry.js';
import type { SampleConfig } from './sample-config.js';

/** Every environment variable the sample reads (also listed in `.env.example`). */
export const SAMPLE_ENV_VARIABLES: readonly string[] = [
  'PORT',
  'HOST',
  'PLAID_CLIENT_ID',
  'PLAID_SECRET',
  'PLAID_ENV',
  ...SAMPLE_PROCESSORS.flatMap((processor) => processor.keys.variables),
  'EMULATOR_URL',
  'WEBHOOK_URL',
  'DATABASE_URL',
  'SAMPLE_DATA_DIR',
  'ACHBRIDGE_STORE_KEYS',
];

/** The settings are unusable; `problems` holds one sentence per variable, fit for a startup message. */
export class SampleConfigError extends ConfigError {
  /** One human sentence per problem. */
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`The sample cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`, {
      code: 'SAMPLE_CONFIG_INVALID',
    });
    this.name = 'SampleConfigError';
    this.problems = problems;
  }
}

const envSchema = z.record(z.string(), z.string().optional(), {
  error: 'must be an object of environment variables',
});

/** Empty and whitespace-only values count as unset (as in a copied `.env.example`). */
function read(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function checkUrl(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`${name} must be an absolute http(s) URL.`);
  return undefined;
}

function checkPort(value: string | undefined, problems: string[]): number {
  if (value === undefined) return 3000;
  const port = Number(value);
  if (/^\d+$/.test(value) && port <= 65_535) return port;
  problems.push(
    `PORT must be a whole number from 0 to 65535 (0 picks a free port), got ${/^-?[0-9]{1,10}$/.test(value) ? `"${value}"` : `a ${value.length}-character value, not shown`}.`,
  );
  return 3000;
}

/**
 * Validates the sample's environment: no Plaid keys means the offline emulator; Plaid keys switch to the real
 * sandboxes, where Stripe and Dwolla keys are optional but must be complete and test/sandbox keys. Throws a
 * SampleConfigError listing every problem (never the secret values).
 */
export function parseSampleConfig(environment: Record<string, string | undefined>): SampleConfig {
  const env = parseInput('parseSampleConfig', envSchema, environment);
  const problems: string[] = [];
  const clientId = read(env, 'PLAID_CLIENT_ID');
  const plaidSecret = read(env, 'PLAID_SECRET');
  for (const secret of [clientId, plaidSecret]) registerSecret(secret);

  if (clientId !== undefined && plaidSecret === undefined) {
    problems.push(
      'PLAID_CLIENT_ID is set but PLAID_SECRET is missing. Set both (Plaid Dashboard > Developers > Keys, the Sandbox secret) to use the real Plaid Sandbox, or neither to run offline against the emulator.',
    );
  }
  if (plaidSecret !== undefined && clientId === undefined) {
    problems.push(
      'PLAID_SECRET is set but PLAID_CLIENT_ID is missing. Set both to use the real Plaid Sandbox, or neither to run offline against the emulator.',
    );
  }
  const plaidEnv = read(env, 'PLAID_ENV');
  if (plaidEnv !== undefined && plaidEnv !== 'sandbox') {
    problems.push(
      `PLAID_ENV must be "sandbox" (got ${['development', 'production'].includes(plaidEnv.trim().toLowerCase()) ? `"${plaidEnv}"` : `a ${plaidEnv.length}-character value, not shown`}): the sample pairs Plaid Sandbox with Stripe test mode and Dwolla Sandbox. Plaid Development no longer exists; see "Going to production" on the page.`,
    );
  }
  const usesRealPlaid = clientId !== undefined || plaidSecret !== undefined;
  const keysByProcessor: Record<string, unknown> = {};
  const processorKeys: string[] = [];
  for (const processor of SAMPLE_PROCESSORS) {
    const given = processor.keys.variables.filter((name) => read(env, name) !== undefined);
    const keys = processor.keys.read((name) => read(env, name), problems);
    if (keys !== undefined) keysByProcessor[processor.key] = keys;
    if (given.length > 0) processorKeys.push(processor.keys.variables.join('/'));
  }
  if (!usesRealPlaid && processorKeys.length > 0) {
    problems.push(
      `${processorKeys.join(' and ')} ${processorKeys.length > 1 ? 'are' : 'is'} set but PLAID_CLIENT_ID/PLAID_SECRET are not. Bank account and processor tokens come from your Plaid Sandbox, so real processor keys need real Plaid keys: add them, or unset the processor keys to run fully offline.`,
    );
  }
  const emulatorUrl = checkUrl('EMULATOR_URL', read(env, 'EMULATOR_URL'), problems);
  if (usesRealPlaid && emulatorUrl !== undefined) {
    problems.push(
      'EMULATOR_URL is set together with Plaid keys: unset EMULATOR_URL to use the real sandboxes, or unset the Plaid keys to use the emulator.',
    );
  }
  const webhookUrl = checkUrl('WEBHOOK_URL', read(env, 'WEBHOOK_URL'), problems);
  const port = checkPort(read(env, 'PORT'), problems);
  const databaseUrl = read(env, 'DATABASE_URL');
  if (databaseUrl !== undefined) {
    registerSecret(databaseUrl);
    if (!/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
      problems.push(
        'DATABASE_URL must be a postgres:// or postgresql:// URL (unset it to keep the data in the embedded database under apps/sample/.data).',
      );
    }
  }
  registerSecret(read(env, 'ACHBRIDGE_STORE_KEYS'));
  if (problems.length > 0) throw new SampleConfigError(problems);

  const sandbox = clientId !== undefined && plaidSecret !== undefined;
  return {
    mode: sandbox ? 'sandbox' : 'emulator',
    host: read(env, 'HOST') ?? '127.0.0.1',
    port,
    emulatorUrl: sandbox ? undefined : emulatorUrl,
    webhookUrl,
    databaseUrl,
    dataDir: read(env, 'SAMPLE_DATA_DIR'),
    plaid: sandbox ? { clientId, secret: plaidSecret } : undefined,
    processorKeys: sandbox ? keysByProcessor : {},
  };
}

/**
 * Reads a `.env` file (KEY=value lines) if it exists; variables already in `environment` win, like
 * `process.loadEnvFile`, but without touching `process.env`.
 */
export function mergeEnvFile(
  environment: Record<string, string | undefined>,
  envFilePath: string,
): Record<string, string | undefined> {
  const { path, env } = parseInput(
    'mergeEnvFile',
    z.object({ path: z.string().min(1, 'must be a file path'), env: envSchema }),
    { path: envFilePath, env: environment },
  );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...env };
    throw new SampleConfigError([`${path} exists but cannot be read: ${(error as Error).message}`]);
  }
  return { ...parseEnv(text), ...env };
}

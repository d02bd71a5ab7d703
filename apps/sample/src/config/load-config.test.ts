import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { mergeEnvFile, parseSampleConfig, SAMPLE_ENV_VARIABLES, SampleConfigError } from './load-config.js';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseSampleConfig(env);
  } catch (error) {
    if (error instanceof SampleConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a SampleConfigError');
}

const PLAID = { PLAID_CLIENT_ID: 'client-id-123456', PLAID_SECRET: 'plaid-secret-abcdef' };

describe('parseSampleConfig', () => {
  it('runs against the emulator on 127.0.0.1:3000 when no keys are set', () => {
    expect(parseSampleConfig({})).toEqual({
      mode: 'emulator',
      host: '127.0.0.1',
      port: 3000,
      emulatorUrl: undefined,
      webhookUrl: undefined,
      databaseUrl: undefined,
      dataDir: undefined,
      plaid: undefined,
      processorKeys: {},
    });
  });

  it('reads DATABASE_URL and SAMPLE_DATA_DIR, refuses a non-Postgres URL without echoing it', () => {
    expect(
      parseSampleConfig({
        DATABASE_URL: 'postgres://app:pw@127.0.0.1:5432/app',
        SAMPLE_DATA_DIR: '/tmp/data',
      }),
    ).toMatchObject({ databaseUrl: 'postgres://app:pw@127.0.0.1:5432/app', dataDir: '/tmp/data' });
    let message = '';
    try {
      parseSampleConfig({ DATABASE_URL: 'mysql://app:hunter2-secret@db/app' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL must be a postgres://');
    expect(message).not.toContain('hunter2-secret');
  });

  it('treats empty values (a copied .env.example) as unset', () => {
    expect(parseSampleConfig({ PLAID_CLIENT_ID: '', PLAID_SECRET: '  ', STRIPE_SECRET_KEY: '' }).mode).toBe(
      'emulator',
    );
  });

  it('reads PORT, HOST, EMULATOR_URL and WEBHOOK_URL', () => {
    const config = parseSampleConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      EMULATOR_URL: 'http://127.0.0.1:4010/',
      WEBHOOK_URL: 'https://example.ngrok.app/api/webhooks/plaid',
    });
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      emulatorUrl: 'http://127.0.0.1:4010',
      webhookUrl: 'https://example.ngrok.app/api/webhooks/plaid',
    });
  });

  it('switches to the real sandboxes with Plaid keys, Stripe and Dwolla optional', () => {
    const config = parseSampleConfig({
      ...PLAID,
      STRIPE_SECRET_KEY: 'sk_test_51abcdef',
      DWOLLA_KEY: 'dwolla-key-123456',
      DWOLLA_SECRET: 'dwolla-secret-123456',
    });
    expect(config.mode).toBe('sandbox');
    expect(config.plaid).toEqual({ clientId: PLAID.PLAID_CLIENT_ID, secret: PLAID.PLAID_SECRET });
    expect(config.processorKeys).toEqual({
      stripe: 'sk_test_51abcdef',
      dwolla: { key: 'dwolla-key-123456', secret: 'dwolla-secret-123456' },
    });
    expect(parseSampleConfig({ ...PLAID })).toMatchObject({ mode: 'sandbox', processorKeys: {} });
    expect(parseSampleConfig({ ...PLAID, STRIPE_SECRET_KEY: 'rk_test_abcdef12' }).processorKeys).toEqual({
      stripe: 'rk_test_abcdef12',
    });
  });

  it('explains PLAID_CLIENT_ID without PLAID_SECRET (and the reverse)', () => {
    expect(problemsOf({ PLAID_CLIENT_ID: 'client-id-123456' })).toEqual([
      expect.stringContaining('PLAID_CLIENT_ID is set but PLAID_SECRET is missing'),
    ]);
    expect(problemsOf({ PLAID_SECRET: 'plaid-secret-abcdef' })).toEqual([
      expect.stringContaining('PLAID_SECRET is set but PLAID_CLIENT_ID is missing'),
    ]);
  });

  it('refuses a live, publishable or malformed Stripe key without echoing it', () => {
    const live = problemsOf({ ...PLAID, STRIPE_SECRET_KEY: 'sk_live_51SuperSecretValue' });
    expect(live).toEqual([expect.stringContaining('live mode key')]);
    expect(live.join(' ')).not.toContain('SuperSecretValue');
    expect(problemsOf({ ...PLAID, STRIPE_SECRET_KEY: 'rk_live_51SuperSecretValue' })[0]).toContain(
      'live mode',
    );
    expect(problemsOf({ ...PLAID, STRIPE_SECRET_KEY: 'pk_test_123456' })[0]).toContain('publishable key');
    expect(problemsOf({ ...PLAID, STRIPE_SECRET_KEY: 'whatever-123456' })[0]).toContain(
      'not a Stripe secret key',
    );
  });

  it('needs both Dwolla variables', () => {
    expect(problemsOf({ ...PLAID, DWOLLA_KEY: 'dwolla-key-123456' })[0]).toContain(
      'DWOLLA_KEY is set but DWOLLA_SECRET is missing',
    );
    expect(problemsOf({ ...PLAID, DWOLLA_SECRET: 'dwolla-secret-123456' })[0]).toContain(
      'DWOLLA_SECRET is set but DWOLLA_KEY is missing',
    );
  });

  it('refuses processor keys without Plaid keys, and EMULATOR_URL with Plaid keys', () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_51abcdef' })[0]).toContain(
      'STRIPE_SECRET_KEY is set but PLAID_CLIENT_ID/PLAID_SECRET are not',
    );
    expect(problemsOf({ ...PLAID, EMULATOR_URL: 'http://127.0.0.1:4010' })[0]).toContain(
      'EMULATOR_URL is set together',
    );
  });

  it('refuses PLAID_ENV other than sandbox, a bad PORT and bad URLs, listing every problem', () => {
    const problems = problemsOf({
      PLAID_ENV: 'development',
      PORT: 'eighty',
      WEBHOOK_URL: 'ftp://example.com',
      EMULATOR_URL: 'not a url',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PLAID_ENV must be "sandbox"/);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/WEBHOOK_URL must be an absolute http/);
    expect(problems.join('\n')).toMatch(/EMULATOR_URL must be an absolute http/);
    expect(problemsOf({ PORT: '70000' })[0]).toContain('PORT');
  });

  it('never echoes any part of a secret pasted into PLAID_ENV or PORT', () => {
    const secret = '3f9c2e7a1b4d6f8e0a2c4e6b8d0f1a';
    const problems = problemsOf({ PLAID_ENV: secret, PORT: secret }).join('\n');
    expect(problems).toContain('30-character value, not shown');
    for (let start = 0; start + 6 <= secret.length; start += 1) {
      expect(problems).not.toContain(secret.slice(start, start + 6));
    }
  });

  it('puts every problem in one readable message with code SAMPLE_CONFIG_INVALID', () => {
    try {
      parseSampleConfig({
        PLAID_CLIENT_ID: 'client-id-123456',
        STRIPE_SECRET_KEY: 'sk_live_51SuperSecretValue',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SampleConfigError);
      const configError = error as SampleConfigError;
      expect(configError.code).toBe('SAMPLE_CONFIG_INVALID');
      expect(configError.message).toMatch(/^The sample cannot start:\n {2}- /);
      expect(configError.message).not.toContain('SuperSecretValue');
      expect(configError.message).not.toContain('client-id-123456');
    }
  });

  it('rejects a non-object environment with an InputValidationError', () => {
    expect(() => parseSampleConfig('PORT=1' as unknown as Record<string, string>)).toThrow(
      InputValidationError,
    );
  });
});

describe('mergeEnvFile', () => {
  const directory = mkdtempSync(join(tmpdir(), 'sample-env-'));

  it('adds variables from the file; variables already set win', () => {
    const file = join(directory, '.env');
    writeFileSync(file, '# comment\nPORT=4001\nPLAID_ENV=sandbox\nHOST="127.0.0.1"\n');
    expect(mergeEnvFile({ PORT: '5000' }, file)).toEqual({
      PORT: '5000',
      PLAID_ENV: 'sandbox',
      HOST: '127.0.0.1',
    });
  });

  it('returns the environment unchanged when the file does not exist', () => {
    expect(mergeEnvFile({ PORT: '5000' }, join(directory, 'missing.env'))).toEqual({ PORT: '5000' });
  });

  it('validates its input', () => {
    expect(() => mergeEnvFile({}, '')).toThrow(InputValidationError);
  });
});

describe('.env.example', () => {
  it('lists every variable the sample reads', async () => {
    const { readFileSync } = await import('node:fs');
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    for (const name of SAMPLE_ENV_VARIABLES) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

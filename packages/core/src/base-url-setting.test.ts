import { describe, expect, it, vi } from 'vitest';
import { restoreStubbedEnvironmentAfterEach, thrownBy } from '../test/environment.test-helpers.js';
import { baseUrlFromEnvironment } from './base-url-setting.js';
import { readEnvironmentVariable } from './environment-variable.js';
import { ConfigError, InputValidationError } from './errors.js';
import { createPlaidClient } from './plaid/create-plaid-client.js';

const SOURCE = {
  environmentVariable: 'ACHBRIDGE_TEST_BASE_URL',
  optionName: 'baseUrl',
  example: 'http://127.0.0.1:4010/test',
};

restoreStubbedEnvironmentAfterEach();

describe('baseUrlFromEnvironment', () => {
  it('is undefined when the variable is unset or blank', () => {
    vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', undefined);
    expect(baseUrlFromEnvironment(SOURCE)).toBeUndefined();
    vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', '   ');
    expect(baseUrlFromEnvironment(SOURCE)).toBeUndefined();
  });

  it('returns the trimmed URL when it is an absolute http(s) URL', () => {
    vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', ' http://127.0.0.1:4010/plaid ');
    expect(baseUrlFromEnvironment(SOURCE)).toBe('http://127.0.0.1:4010/plaid');
    vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', 'https://sandbox.example.com');
    expect(baseUrlFromEnvironment(SOURCE)).toBe('https://sandbox.example.com');
  });

  it.each(['not a url', '127.0.0.1:4010', 'ftp://files.example.com', 'file:///etc/passwd'])(
    'refuses %j with a ConfigError naming the variable and the option',
    (value) => {
      vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', value);
      const error = thrownBy(() => baseUrlFromEnvironment(SOURCE));
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'INVALID_ENVIRONMENT_VARIABLE' });
      expect((error as Error).message).toContain('ACHBRIDGE_TEST_BASE_URL');
      expect((error as Error).message).toContain('`baseUrl`');
    },
  );

  it('never echoes the value, which may carry credentials', () => {
    vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', 'ftp://deploy:hunter2-secret@files.example.com');
    const error = thrownBy(() => baseUrlFromEnvironment(SOURCE)) as Error;
    for (const rendering of [error.message, String(error.stack), JSON.stringify(error)]) {
      expect(rendering).not.toContain('hunter2');
      expect(rendering).not.toContain('files.example.com');
    }
  });

  it('validates its own input', () => {
    const error = thrownBy(() => baseUrlFromEnvironment({ ...SOURCE, environmentVariable: 'lower-case' }));
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'environmentVariable' });
  });
});

describe('readEnvironmentVariable', () => {
  it('reads process.env where it exists', () => {
    vi.stubEnv('ACHBRIDGE_TEST_BASE_URL', 'value');
    expect(readEnvironmentVariable('ACHBRIDGE_TEST_BASE_URL')).toBe('value');
  });

  it('is undefined on a runtime without process (Cloudflare Workers)', () => {
    expect(readEnvironmentVariable('PATH', {})).toBeUndefined();
    expect(readEnvironmentVariable('PATH', { process: {} })).toBeUndefined();
  });

  it('is undefined where reading throws (Deno without --allow-env)', () => {
    const env = new Proxy<Record<string, string | undefined>>(
      {},
      {
        get() {
          throw new Error('NotCapable: Requires env access');
        },
      },
    );
    expect(readEnvironmentVariable('PATH', { process: { env } })).toBeUndefined();
  });
});

describe('createPlaidClient and PLAID_BASE_URL', () => {
  it('uses PLAID_BASE_URL when baseUrl is not given, and baseUrl when it is', () => {
    vi.stubEnv('PLAID_BASE_URL', 'http://127.0.0.1:4010/plaid/');
    expect(createPlaidClient({ environment: 'sandbox' }).baseUrl).toBe('http://127.0.0.1:4010/plaid');
    expect(createPlaidClient({ baseUrl: 'http://127.0.0.1:5000/p' }).baseUrl).toBe('http://127.0.0.1:5000/p');
  });

  it("falls back to the environment's Plaid host when PLAID_BASE_URL is unset", () => {
    vi.stubEnv('PLAID_BASE_URL', undefined);
    expect(createPlaidClient({ environment: 'sandbox' }).baseUrl).toBe('https://sandbox.plaid.com');
    expect(createPlaidClient({ environment: 'production' }).baseUrl).toBe('https://production.plaid.com');
  });

  it('refuses an invalid PLAID_BASE_URL at creation, and an explicit baseUrl ignores it', () => {
    vi.stubEnv('PLAID_BASE_URL', 'sandbox.plaid.com');
    const error = thrownBy(() => createPlaidClient({ environment: 'sandbox' }));
    expect(error).toMatchObject({ name: 'ConfigError', code: 'INVALID_ENVIRONMENT_VARIABLE' });
    expect((error as Error).message).toContain('PLAID_BASE_URL');
    expect(createPlaidClient({ baseUrl: 'https://sandbox.plaid.com' }).baseUrl).toBe(
      'https://sandbox.plaid.com',
    );
  });

  it('sends its requests to PLAID_BASE_URL', async () => {
    vi.stubEnv('PLAID_BASE_URL', 'http://127.0.0.1:4999/emulated-plaid');
    const urls: string[] = [];
    const plaid = createPlaidClient({
      clientId: 'client',
      secret: 'secret-value-1',
      maxRetries: 0,
      fetch: async (input) => {
        urls.push(String(input));
        return new Response(JSON.stringify({ item: {}, request_id: 'r1' }), {
          status: 500,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await plaid.getInstitutionById({ institutionId: 'ins_1', countryCodes: ['US'] }).catch(() => undefined);
    expect(urls).toEqual(['http://127.0.0.1:4999/emulated-plaid/institutions/get_by_id']);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { PLAID_API_VERSION, PLAID_ENVIRONMENT_URLS, resolvePlaidEnvironment } from './plaid-environments.js';

describe('Plaid environments', () => {
  it('knows only sandbox and production hosts', () => {
    expect(PLAID_ENVIRONMENT_URLS).toEqual({
      sandbox: 'https://sandbox.plaid.com',
      production: 'https://production.plaid.com',
    });
    expect(PLAID_API_VERSION).toBe('2020-09-14');
  });

  it('never echoes a non-environment value, not even in part', () => {
    const secret = 'q7Zsecretpasted';
    let message = '';
    try {
      resolvePlaidEnvironment(secret);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('a 15-character string (not shown)');
    expect(message).not.toContain('q7Z');
    expect(() => resolvePlaidEnvironment('staging')).toThrow(/a 7-character string/);
    expect(() => resolvePlaidEnvironment('live')).toThrow(/got 'live'/);
  });

  it('defaults to sandbox', () => {
    expect(resolvePlaidEnvironment(undefined)).toBe('sandbox');
    expect(resolvePlaidEnvironment('production')).toBe('production');
  });

  it('refuses development with a ConfigError that says what to use instead', () => {
    let error: unknown;
    try {
      resolvePlaidEnvironment('development');
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PLAID_ENVIRONMENT_RETIRED' });
    expect((error as Error).message).toMatch(/retired/);
    expect((error as Error).message).toMatch(/'sandbox'/);
    expect((error as Error).message).toMatch(/'production'/);
  });

  it.each(['Sandbox', 'dev', '', 1, null])('refuses %j naming `environment`', (value) => {
    expect(() => resolvePlaidEnvironment(value)).toThrow(/`environment`/);
  });
});

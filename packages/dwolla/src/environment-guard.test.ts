import { ConfigError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { assertEnvironmentPairing, plaidTokenEnvironment } from './environment-guard.js';

describe('assertEnvironmentPairing', () => {
  it('allows Plaid Sandbox with Dwolla Sandbox and Plaid Production with Dwolla Production', () => {
    expect(() =>
      assertEnvironmentPairing({
        operation: 'op',
        dwollaEnvironment: 'sandbox',
        plaidEnvironment: 'sandbox',
        tokens: [{ field: 'processorToken', value: 'processor-sandbox-1234' }],
      }),
    ).not.toThrow();
    expect(() =>
      assertEnvironmentPairing({
        operation: 'op',
        dwollaEnvironment: 'production',
        plaidEnvironment: 'production',
        tokens: [{ field: 'accessToken', value: 'access-production-1234' }],
      }),
    ).not.toThrow();
  });

  it.each([
    ['sandbox', 'production', undefined],
    ['production', 'sandbox', undefined],
    ['sandbox', undefined, 'processor-production-abc'],
    ['production', undefined, 'processor-sandbox-abc'],
    ['sandbox', undefined, 'processor-development-abc'],
    ['production', 'development', undefined],
  ] as const)('refuses Dwolla %s with Plaid client %s / token %s', (dwolla, plaid, token) => {
    let error: unknown;
    try {
      assertEnvironmentPairing({
        operation: 'createFundingSource',
        dwollaEnvironment: dwolla,
        plaidEnvironment: plaid,
        tokens: token ? [{ field: 'processorToken', value: token }] : [],
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(
      'The Dwolla Sandbox and Production environments are not compatible with the Plaid Development environment',
    );
    expect(message).toContain(
      'Plaid Sandbox pairs with Dwolla Sandbox and Plaid Production with Dwolla Production',
    );
    if (token) expect(message).not.toContain(token);
  });

  it('reads the environment of public, access and processor tokens', () => {
    expect(plaidTokenEnvironment('public-sandbox-x')).toBe('sandbox');
    expect(plaidTokenEnvironment('access-production-x')).toBe('production');
    expect(plaidTokenEnvironment('processor-development-x')).toBe('development');
    expect(plaidTokenEnvironment('btok_123')).toBeUndefined();
  });
});

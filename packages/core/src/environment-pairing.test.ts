import { describe, expect, it } from 'vitest';
import { createEnvironmentPairingGuard, plaidTokenEnvironment } from './environment-pairing.js';
import { ConfigError } from './errors.js';

const guard = createEnvironmentPairingGuard({
  code: 'ACME_ENVIRONMENT_MISMATCH',
  rule: 'Plaid Sandbox pairs with Acme test.',
  processorSide: (acme) => `the Acme client talks to Acme ${acme}`,
  advice: (plaid) => ` Use an Acme ${plaid} client.`,
});

function thrownBy(action: () => void): ConfigError {
  try {
    action();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createEnvironmentPairingGuard', () => {
  it('passes matching environments and tokens of other shapes', () => {
    expect(() =>
      guard({
        operation: 'link',
        processorEnvironment: 'sandbox',
        plaidEnvironment: 'sandbox',
        tokens: [
          { field: 'publicToken', value: 'public-sandbox-1' },
          { field: 'bankAccountToken', value: 'btok_1' },
        ],
      }),
    ).not.toThrow();
  });

  it("refuses a Plaid client of another environment with the processor's code, rule and advice", () => {
    const error = thrownBy(() =>
      guard({ operation: 'link', processorEnvironment: 'sandbox', plaidEnvironment: 'production' }),
    );
    expect(error.code).toBe('ACME_ENVIRONMENT_MISMATCH');
    expect(error.message).toBe(
      'link: the Plaid client talks to Plaid production, but the Acme client talks to Acme sandbox. Plaid Sandbox pairs with Acme test. Use an Acme production client.',
    );
  });

  it('refuses a token of another environment, naming its field and never its value', () => {
    const token = 'access-development-secretpart-123';
    const error = thrownBy(() =>
      guard({
        operation: 'link',
        processorEnvironment: 'sandbox',
        tokens: [{ field: 'accessToken', value: token }],
      }),
    );
    expect(error.message).toContain('`accessToken` was issued by Plaid development');
    expect(error.message).not.toContain(token);
  });

  it('reads the environment a Plaid token names', () => {
    expect(plaidTokenEnvironment('processor-production-x')).toBe('production');
    expect(plaidTokenEnvironment('pm_123')).toBeUndefined();
  });
});

import { ConfigError, InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import {
  assertModesMatch,
  NO_SUCH_TOKEN_EXPLANATION,
  stripeModeForPlaidEnvironment,
  stripeModeOfKey,
} from './mode-guard.js';

describe('stripeModeOfKey', () => {
  it.each([
    ['sk_test_abc123', 'test'],
    ['rk_test_abc123', 'test'],
    ['sk_live_abc123', 'live'],
    ['rk_live_abc123', 'live'],
  ] as const)('reads %s as %s mode', (key, mode) => {
    expect(stripeModeOfKey(key)).toBe(mode);
  });

  it('refuses a publishable key with a ConfigError that does not echo it', () => {
    const error = (() => {
      try {
        stripeModeOfKey('pk_test_publishable123456');
      } catch (caught) {
        return caught;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).code).toBe('STRIPE_KEY_INVALID');
    expect((error as Error).message).toContain('publishable');
    expect((error as Error).message).not.toContain('pk_test_publishable123456');
  });

  it('refuses a value that is not a Stripe key', () => {
    expect(() => stripeModeOfKey('not-a-key')).toThrow(/sk_test_/);
  });
});

describe('assertModesMatch', () => {
  it('accepts Plaid Sandbox with a test key and Plaid Production with a live key', () => {
    expect(() => assertModesMatch('sandbox', 'test')).not.toThrow();
    expect(() => assertModesMatch('production', 'live')).not.toThrow();
    expect(stripeModeForPlaidEnvironment('sandbox')).toBe('test');
    expect(stripeModeForPlaidEnvironment('production')).toBe('live');
  });

  it('refuses Plaid Sandbox with a live key, quoting the FAQ on "No such token"', () => {
    let caught: unknown;
    try {
      assertModesMatch('sandbox', 'live');
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    const error = caught as ConfigError;
    expect(error.code).toBe('STRIPE_MODE_MISMATCH');
    expect(error.message).toContain('test mode bank account token is used in a live Stripe API call');
    expect(error.message).toContain('sk_test_');
    expect(error.message).toContain(NO_SUCH_TOKEN_EXPLANATION);
  });

  it('refuses Plaid Production with a test key', () => {
    expect(() => assertModesMatch('production', 'test')).toThrow(/live mode key/);
  });
});

describe('input validation', () => {
  it('names the field of a bad argument', () => {
    let caught: unknown;
    try {
      assertModesMatch('development' as never, 'test');
    } catch (error) {
      caught = error;
    }
    expect(InputValidationError.isInstance(caught)).toBe(true);
    expect((caught as InputValidationError).field).toBe('plaidEnvironment');
    expect(() => stripeModeOfKey(42 as never)).toThrow(/`key`/);
  });
});

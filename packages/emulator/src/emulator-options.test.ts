import { describe, expect, it } from 'vitest';
import { EmulatorInputError } from './emulator-errors.js';
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_TUNING, resolveEmulatorOptions } from './emulator-options.js';
import { DEFAULT_CREDENTIALS } from './types.js';

function fieldOf(input: unknown): string {
  try {
    resolveEmulatorOptions(input);
  } catch (error) {
    if (error instanceof EmulatorInputError) return error.field;
    throw error;
  }
  throw new Error('expected an EmulatorInputError');
}

describe('resolveEmulatorOptions', () => {
  it('fills in the documented defaults', () => {
    expect(resolveEmulatorOptions(undefined)).toEqual({
      port: 0,
      host: '127.0.0.1',
      credentials: DEFAULT_CREDENTIALS,
      tuning: DEFAULT_TUNING,
      bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
    });
  });

  it('overrides credentials and tuning per field', () => {
    const resolved = resolveEmulatorOptions({
      credentials: { plaid: { secret: 'other' }, stripe: { secretKey: 'sk_test_x' } },
      tuning: { dwollaTokenTtlSeconds: 5 },
    });
    expect(resolved.credentials.plaid).toEqual({
      clientId: DEFAULT_CREDENTIALS.plaid.clientId,
      secret: 'other',
    });
    expect(resolved.credentials.stripe.secretKey).toBe('sk_test_x');
    expect(resolved.tuning).toEqual({ ...DEFAULT_TUNING, dwollaTokenTtlSeconds: 5 });
  });

  it('throws a typed error naming the field', () => {
    expect(fieldOf('x')).toBe('options');
    expect(fieldOf({ port: -1 })).toBe('port');
    expect(fieldOf({ port: 70_000 })).toBe('port');
    expect(fieldOf({ host: '' })).toBe('host');
    expect(fieldOf({ portt: 1 })).toBe('portt');
    expect(fieldOf({ credentials: { stripe: { secretKey: 'sk_live_x' } } })).toBe(
      'credentials.stripe.secretKey',
    );
    expect(fieldOf({ credentials: { stripe: { liveSecretKey: 'sk_test_x' } } })).toBe(
      'credentials.stripe.liveSecretKey',
    );
    expect(fieldOf({ credentials: { plaid: { clientId: 7 } } })).toBe('credentials.plaid.clientId');
    expect(fieldOf({ credentials: { paypal: {} } })).toBe('credentials.paypal');
    expect(fieldOf({ tuning: { webhookTimeoutMs: 0 } })).toBe('tuning.webhookTimeoutMs');
    expect(fieldOf({ tuning: { speed: 1 } })).toBe('tuning.speed');
    expect(fieldOf({ bodyLimitBytes: 10 })).toBe('bodyLimitBytes');
    expect(fieldOf({ tuning: { stripePlaidProcessor: 'Stripe Inc' } })).toBe('tuning.stripePlaidProcessor');
    expect(fieldOf({ tuning: { stripePlaidProcessor: 7 } })).toBe('tuning.stripePlaidProcessor');
    expect(fieldOf({ tuning: { webhookRetries: 'plaid' } })).toBe('tuning.webhookRetries');
  });

  it("retries webhooks quickly by default, and on the providers' schedules when asked", () => {
    expect(resolveEmulatorOptions({}).tuning.webhookRetries).toBe('quick');
    expect(resolveEmulatorOptions({ tuning: { webhookRetries: 'provider' } }).tuning.webhookRetries).toBe(
      'provider',
    );
  });

  it('enables no Plaid processor for Stripe by default, and takes one name when asked', () => {
    expect(resolveEmulatorOptions({}).tuning.stripePlaidProcessor).toBeNull();
    expect(
      resolveEmulatorOptions({ tuning: { stripePlaidProcessor: 'stripe' } }).tuning.stripePlaidProcessor,
    ).toBe('stripe');
  });

  it('never echoes a secret in the error message', () => {
    try {
      resolveEmulatorOptions({ credentials: { stripe: { secretKey: 'sk_live_TOPSECRET' } } });
    } catch (error) {
      expect(String(error)).not.toContain('TOPSECRET');
    }
  });
});

import { createPlaidClient, InputValidationError } from '@achbridge/core';
import { NO_SUCH_TOKEN_EXPLANATION } from '@achbridge/stripe';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_LIVE_KEY, demonstrateModeGuard } from './mode-guard-demo.js';

describe('demonstrateModeGuard', () => {
  it('shows the Stripe adapter refusing a live key with a Plaid Sandbox client, before any request', () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const plaid = createPlaidClient({
      environment: 'sandbox',
      clientId: 'client-123456',
      secret: 'secret-123456',
      fetch,
    });
    const demo = demonstrateModeGuard({ plaid });
    expect(demo).toMatchObject({
      refused: true,
      plaidEnvironment: 'sandbox',
      code: 'STRIPE_MODE_MISMATCH',
      explanation: NO_SUCH_TOKEN_EXPLANATION,
    });
    expect(demo.message).toContain('live mode key');
    expect(demo.message).not.toContain(DEMO_LIVE_KEY);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('accepts a given live key and rejects a test key as the demonstration key', () => {
    const plaid = createPlaidClient({
      environment: 'sandbox',
      clientId: 'client-123456',
      secret: 'secret-123456',
    });
    expect(demonstrateModeGuard({ plaid, liveKey: 'sk_live_other123456' }).refused).toBe(true);
    expect(() => demonstrateModeGuard({ plaid, liveKey: 'sk_test_123456' })).toThrow(InputValidationError);
  });
});

import { describe, expect, it } from 'vitest';
import { AchBridgeError, NetworkError } from '../errors.js';
import { WEBHOOK_VERIFICATION_REASONS, WebhookVerificationError } from './webhook-verification-error.js';

describe('WebhookVerificationError', () => {
  it('carries reason, kid and retryability, and is an AchBridgeError', () => {
    const error = new WebhookVerificationError('stale', 'issued 400 s ago', { kid: 'k1' });
    expect(error).toBeInstanceOf(AchBridgeError);
    expect(error).toMatchObject({
      name: 'WebhookVerificationError',
      reason: 'stale',
      kid: 'k1',
      isRetryable: false,
    });
    expect(error.message).toBe('Plaid webhook verification failed (stale): issued 400 s ago');
  });

  it('is retryable only when the key could not be fetched, unless told otherwise', () => {
    for (const reason of WEBHOOK_VERIFICATION_REASONS) {
      expect(new WebhookVerificationError(reason, 'x').isRetryable).toBe(reason === 'key_fetch_failed');
    }
    expect(new WebhookVerificationError('key_fetch_failed', 'x', { isRetryable: false }).isRetryable).toBe(
      false,
    );
  });

  it('is recognised by marker, not by class identity', () => {
    const error = new WebhookVerificationError('bad_signature', 'x');
    const copy = Object.assign(Object.create(null), error);
    for (const symbol of Object.getOwnPropertySymbols(error)) {
      Object.defineProperty(copy, symbol, { value: true });
    }
    expect(WebhookVerificationError.isInstance(copy)).toBe(true);
    expect(WebhookVerificationError.isInstance(new NetworkError('plaid', '/x', 'timeout', 'slow'))).toBe(
      false,
    );
  });

  it('redacts secrets that end up in its message or cause', () => {
    const cause = new Error(
      'Bearer abcdefghijklmnop and access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6',
    );
    const error = new WebhookVerificationError('key_fetch_failed', cause.message, { cause });
    const serialized = JSON.stringify(error);
    expect(serialized).not.toContain('abcdefghijklmnop');
    expect(serialized).not.toContain('de3ce8ef-33f8');
  });
});

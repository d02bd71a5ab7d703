import { describe, expect, it } from 'vitest';
import { deriveIdempotencyKey, randomIdempotencyKey } from './idempotency.js';

describe('deriveIdempotencyKey', () => {
  it('is stable for the same inputs, across calls', () => {
    const first = deriveIdempotencyKey('attach', ['item', 'account', 'cus_1']);
    expect(deriveIdempotencyKey('attach', ['item', 'account', 'cus_1'])).toBe(first);
    expect(first).toMatch(/^achbridge-stripe-attach-[0-9a-f]{48}$/);
    expect(first.length).toBeLessThanOrEqual(255);
  });

  it('differs when any input or the purpose differs, and is not fooled by joining', () => {
    const base = deriveIdempotencyKey('attach', ['item', 'account', 'cus_1']);
    expect(deriveIdempotencyKey('attach', ['item', 'account', 'cus_2'])).not.toBe(base);
    expect(deriveIdempotencyKey('mandate', ['item', 'account', 'cus_1'])).not.toBe(base);
    expect(deriveIdempotencyKey('attach', ['ab', 'c'])).not.toBe(deriveIdempotencyKey('attach', ['a', 'bc']));
  });

  it('never contains the inputs themselves', () => {
    const key = deriveIdempotencyKey('attach', ['access-sandbox-secret-value', 'account']);
    expect(key).not.toContain('access-sandbox');
  });

  it('makes random keys unique per call', () => {
    expect(randomIdempotencyKey('payment')).not.toBe(randomIdempotencyKey('payment'));
  });
});

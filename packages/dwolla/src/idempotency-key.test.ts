import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { deriveIdempotencyKey } from './idempotency-key.js';

describe('deriveIdempotencyKey', () => {
  it('is stable for the same parts and UUID-shaped (version 5, RFC 4122 variant)', () => {
    const a = deriveIdempotencyKey('dwolla.funding-source', ['item', 'account', 'customer']);
    expect(a).toBe(deriveIdempotencyKey('dwolla.funding-source', ['item', 'account', 'customer']));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs when any part, the order or the namespace differs, and parts cannot run together', () => {
    const base = deriveIdempotencyKey('ns', ['ab', 'c']);
    expect(deriveIdempotencyKey('ns', ['a', 'bc'])).not.toBe(base);
    expect(deriveIdempotencyKey('ns', ['c', 'ab'])).not.toBe(base);
    expect(deriveIdempotencyKey('other', ['ab', 'c'])).not.toBe(base);
  });

  it('does not contain the inputs', () => {
    const key = deriveIdempotencyKey('ns', ['processor-sandbox-secret-token']);
    expect(key).not.toContain('processor');
  });

  it.each([
    [undefined, ['a'], 'namespace'],
    ['', ['a'], 'namespace'],
    ['ns', 'a', 'parts'],
    ['ns', [1], 'parts.0'],
    ['ns', {}, 'parts'],
  ])('rejects namespace %j / parts %j with an InputValidationError naming %s', (namespace, parts, field) => {
    const call = () => deriveIdempotencyKey(namespace as unknown as string, parts as unknown as string[]);
    expect(call).toThrow(InputValidationError);
    expect(() => call()).toThrow(expect.objectContaining({ field }));
  });
});

import { describe, expect, it } from 'vitest';
import { deriveStableKey, stableKeyDigest } from './stable-key.js';

describe('deriveStableKey', () => {
  it('keeps the keys adapters already sent, so an upgrade mid-flow sends the same key', () => {
    // Pinned from the Dwolla and Modern Treasury derivations before they moved here: a changed value would
    // make a re-run after an upgrade send a new key (a second funding source or external account).
    expect(deriveStableKey('dwolla.funding-source.plaid', ['item-1', 'acc-1', 'cust-1'], 'uuid')).toBe(
      '5067c44f-73aa-59a4-bd87-7949341216e1',
    );
    expect(
      deriveStableKey('modern_treasury:external-account', ['cp-1', 'item', 'item-1', 'acc-1'], {
        prefix: 'achbridge-external-account-',
        hexLength: 40,
      }),
    ).toBe('achbridge-external-account-7796f6acc700efe6d192cb8bfed5494e2f6b0e70');
  });

  it('gives a version-5, RFC 4122 variant UUID', () => {
    expect(deriveStableKey('ns', ['a'], 'uuid')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('separates parts and namespaces', () => {
    const base = stableKeyDigest('ns', ['ab', 'c']);
    expect(stableKeyDigest('ns', ['a', 'bc'])).not.toBe(base);
    expect(stableKeyDigest('ns', ['c', 'ab'])).not.toBe(base);
    expect(stableKeyDigest('other', ['ab', 'c'])).not.toBe(base);
    expect(stableKeyDigest('ns', ['ab', 'c'])).toBe(base);
  });

  it('never carries a part in clear', () => {
    const key = deriveStableKey('ns', ['processor-sandbox-secret'], { prefix: 'k-', hexLength: 64 });
    expect(key).not.toContain('secret');
    expect(key).toMatch(/^k-[0-9a-f]{64}$/);
  });
});

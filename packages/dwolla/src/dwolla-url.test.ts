import { ConfigError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { canonicalDwollaId, idFromDwollaUrl, idFromReference, resolveDwollaUrl } from './dwolla-url.js';

const ID = 'AB443D36-3757-44C1-A1B4-29727FB3111C';

describe('dwolla URLs', () => {
  it('reads ids from Location headers and references', () => {
    expect(idFromDwollaUrl(`https://api-sandbox.dwolla.com/funding-sources/${ID}`)).toBe(ID);
    expect(idFromDwollaUrl('https://api-sandbox.dwolla.com/')).toBeUndefined();
    expect(idFromDwollaUrl('not a url')).toBeUndefined();
    expect(idFromReference(ID, 'customers')).toBe(ID);
    expect(idFromReference(`https://api-sandbox.dwolla.com/customers/${ID}`, 'customers')).toBe(ID);
    expect(
      idFromReference(`https://api-sandbox.dwolla.com/funding-sources/${ID}`, 'customers'),
    ).toBeUndefined();
    expect(idFromReference('../customers', 'customers')).toBeUndefined();
    expect(idFromReference(`ftp://x/customers/${ID}`, 'customers')).toBeUndefined();
  });

  it('accepts only the real id shape (a UUID), so nothing else reaches a URL', () => {
    expect(idFromReference(ID.toUpperCase(), 'customers')).toBe(ID.toUpperCase());
    for (const notAnId of [
      'RelTestDwollaSecretD2e8C6x',
      'cust-1',
      `${ID}x`,
      ID.replace(/-/g, ''),
      'a'.repeat(36),
    ]) {
      expect(idFromReference(notAnId, 'customers'), notAnId).toBeUndefined();
      expect(
        idFromReference(`https://api-sandbox.dwolla.com/customers/${notAnId}`, 'customers'),
      ).toBeUndefined();
    }
  });

  it('resolves paths and URLs on the base and refuses foreign hosts', () => {
    const base = 'http://127.0.0.1:4010/dwolla';
    const official = 'https://api-sandbox.dwolla.com';
    expect(resolveDwollaUrl(base, official, '/customers')).toBe(`${base}/customers`);
    expect(resolveDwollaUrl(base, official, `${official}/customers?limit=1`)).toBe(
      `${base}/customers?limit=1`,
    );
    expect(() => resolveDwollaUrl(base, official, 'http://127.0.0.1:4011/dwolla/customers')).toThrow(
      ConfigError,
    );
    expect(() => resolveDwollaUrl(base, official, 'customers')).toThrow(/neither a path nor an absolute URL/);
  });
});

describe('canonicalDwollaId', () => {
  it('spells an id in either case the same way, so one customer always maps to one key', () => {
    const upper = '9DA3A0C2-5D5B-4C3B-8B9E-6E9A2C0F1A7D';
    expect(canonicalDwollaId(upper)).toBe('9da3a0c2-5d5b-4c3b-8b9e-6e9a2c0f1a7d');
    expect(canonicalDwollaId(canonicalDwollaId(upper))).toBe(canonicalDwollaId(upper.toLowerCase()));
  });
});

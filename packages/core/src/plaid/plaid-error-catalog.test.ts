import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describePlaidError, listPlaidErrorCodes, type PlaidErrorOccurrence } from './plaid-error-catalog.js';

interface FaqCodes {
  codesByCategory: Record<string, string[]>;
  typesByCategory: Record<string, string[]>;
  when: Record<PlaidErrorOccurrence, Record<string, string[]>>;
  otherFaqCodes: { codes: string[] };
}

const faq = JSON.parse(
  readFileSync(new URL('../test-data/faq-error-codes.json', import.meta.url), 'utf8'),
) as FaqCodes;

/** Every code the FAQ names, with the FAQ categories and (type, occurrence) groups it is listed under. */
function faqIndex(): Map<
  string,
  { categories: Set<string>; types: Set<string>; when: Set<PlaidErrorOccurrence> }
> {
  const index = new Map<
    string,
    { categories: Set<string>; types: Set<string>; when: Set<PlaidErrorOccurrence> }
  >();
  const entry = (code: string) => {
    let value = index.get(code);
    if (!value) {
      value = { categories: new Set(), types: new Set(), when: new Set() };
      index.set(code, value);
    }
    return value;
  };
  for (const [category, codes] of Object.entries(faq.codesByCategory)) {
    for (const code of codes) entry(code).categories.add(category);
  }
  for (const [occurrence, groups] of Object.entries(faq.when) as [
    PlaidErrorOccurrence,
    Record<string, string[]>,
  ][]) {
    for (const [type, codes] of Object.entries(groups)) {
      for (const code of codes) {
        entry(code).types.add(type);
        entry(code).when.add(occurrence);
      }
    }
  }
  for (const code of faq.otherFaqCodes.codes) entry(code);
  return index;
}

const index = faqIndex();

describe('describePlaidError against the FAQ', () => {
  it('the FAQ list is not empty', () => {
    expect(index.size).toBeGreaterThanOrEqual(44);
  });

  it.each([...index.keys()])('%s is catalogued consistently with the FAQ', (code) => {
    const faqEntry = index.get(code);
    if (!faqEntry) throw new Error('unreachable');
    const description = describePlaidError(code);
    expect(description.code).toBe(code);
    expect(description.category).not.toBe('unknown');
    expect(description.remediation.length).toBeGreaterThan(20);
    if (faqEntry.categories.size > 0) expect([...faqEntry.categories]).toContain(description.category);
    if (faqEntry.types.size > 0) expect([...faqEntry.types]).toContain(description.type);
    for (const occurrence of faqEntry.when) expect(description.when).toContain(occurrence);
    // The FAQ's type-level advice (e.g. "Rate limit exceeded: retryable") applies to codes it lists under that type.
    for (const [category, types] of Object.entries(faq.typesByCategory)) {
      if (
        types.includes(description.type) &&
        faqEntry.types.has(description.type) &&
        faqEntry.categories.size === 0
      ) {
        expect(description.category).toBe(category);
      }
    }
  });
});

describe('describePlaidError', () => {
  it('covers the common codes of a payment bridge', () => {
    for (const code of [
      'INVALID_ACCESS_TOKEN',
      'INVALID_PUBLIC_TOKEN',
      'INVALID_API_KEYS',
      'UNAUTHORIZED_ENVIRONMENT',
      'INVALID_ACCOUNT_ID',
      'INCOMPATIBLE_API_VERSION',
      'ITEM_LOGIN_REQUIRED',
      'ACCESS_NOT_GRANTED',
      'NO_AUTH_ACCOUNTS',
      'USER_PERMISSION_REVOKED',
      'INSUFFICIENT_CREDENTIALS',
      'ACCOUNTS_LIMIT',
      'SANDBOX_PRODUCT_NOT_ENABLED',
      'INVALID_STRIPE_ACCOUNT',
      'INVALID_PROCESSOR_TOKEN',
    ]) {
      expect(listPlaidErrorCodes()).toContain(code);
      expect(describePlaidError(code).category).not.toBe('unknown');
    }
  });

  it('tells user and client actions apart', () => {
    expect(describePlaidError('ITEM_LOGIN_REQUIRED')).toMatchObject({
      category: 'user_action',
      type: 'ITEM_ERROR',
    });
    expect(describePlaidError('ITEM_LOGIN_REQUIRED').remediation).toMatch(/update mode/);
    expect(describePlaidError('INVALID_API_KEYS')).toMatchObject({
      category: 'client_action',
      type: 'INVALID_INPUT',
    });
    expect(describePlaidError('PLANNED_MAINTENANCE')).toMatchObject({
      category: 'retryable',
      type: 'API_ERROR',
    });
  });

  it('is case-insensitive and returns copies', () => {
    const first = describePlaidError('item_locked');
    expect(first.code).toBe('ITEM_LOCKED');
    first.when.push('api');
    expect(describePlaidError('ITEM_LOCKED').when).toEqual(['link-add', 'link-update']);
  });

  it.each([
    ['NEVER_SEEN_BEFORE', undefined],
    ['NEVER_SEEN_BEFORE', 'API_ERROR'],
    ['', undefined],
    ['toString', undefined],
    ['__proto__', undefined],
  ])('gives unknown code %j (type %j) category unknown and generic advice, never a throw', (code, type) => {
    const description = describePlaidError(code, type);
    expect(description.category).toBe('unknown');
    expect(description.remediation).toMatch(/not in achbridge's catalog/);
    expect(description.type).toBe(type ?? 'UNKNOWN');
  });

  it.each([undefined, null, 42, {}])('never throws for a non-string code (%j)', (code) => {
    expect(describePlaidError(code)).toMatchObject({ code: 'UNKNOWN', category: 'unknown' });
  });

  it('refines generic advice by error type', () => {
    expect(describePlaidError('NEW_CODE', 'ITEM_ERROR').remediation).toMatch(/update mode/);
    expect(describePlaidError('NEW_CODE', 'RATE_LIMIT_EXCEEDED').remediation).toMatch(/back off/i);
  });
});

import { describe, expect, it } from 'vitest';
import { compilePathPattern } from './path-pattern.js';

describe('compilePathPattern', () => {
  it('matches exactly when there is no star', () => {
    const pattern = compilePathPattern('/plaid/item/get');
    expect(pattern.matches('/plaid/item/get')).toBe(true);
    expect(pattern.matches('/plaid/item/get/x')).toBe(false);
    expect(pattern.matches('/plaid/item')).toBe(false);
  });

  it('lets * span exactly one segment', () => {
    const pattern = compilePathPattern('/dwolla/customers/*/funding-sources');
    expect(pattern.matches('/dwolla/customers/0b2f-11/funding-sources')).toBe(true);
    expect(pattern.matches('/dwolla/customers/a/b/funding-sources')).toBe(false);
    expect(pattern.matches('/dwolla/customers//funding-sources')).toBe(true);
  });

  it('lets ** span any depth and treats regex characters literally', () => {
    expect(compilePathPattern('/plaid/**').matches('/plaid/item/public_token/exchange')).toBe(true);
    expect(compilePathPattern('/v1/customers.json').matches('/v1/customersXjson')).toBe(false);
    expect(compilePathPattern('/v1/(a)*').matches('/v1/(a)b')).toBe(true);
  });
});

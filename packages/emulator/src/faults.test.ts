import { describe, expect, it } from 'vitest';
import { createFaultRegistry } from './faults.js';

describe('createFaultRegistry', () => {
  it('applies a fault to the next N matching requests, then forgets it', () => {
    const faults = createFaultRegistry();
    faults.add({ method: 'post', path: '/plaid/item/get', kind: 'status', status: 500, times: 2 });
    expect(faults.take('GET', '/plaid/item/get')).toBeUndefined();
    expect(faults.take('POST', '/plaid/accounts/get')).toBeUndefined();
    expect(faults.take('POST', '/plaid/item/get')?.status).toBe(500);
    expect(faults.take('POST', '/plaid/item/get')?.remaining).toBe(0);
    expect(faults.take('POST', '/plaid/item/get')).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it('defaults to one application and any method', () => {
    const faults = createFaultRegistry();
    faults.add({ path: '/v1/customers', kind: 'drop' });
    expect(faults.take('DELETE', '/v1/customers')?.kind).toBe('drop');
    expect(faults.take('DELETE', '/v1/customers')).toBeUndefined();
  });

  it('every: k fires on the k-th, 2k-th … matching request without running out', () => {
    const faults = createFaultRegistry();
    faults.add({ path: '/plaid/*/get', kind: 'malformed', every: 3 });
    const fired = Array.from({ length: 9 }, () => faults.take('POST', '/plaid/item/get') !== undefined);
    expect(fired).toEqual([false, false, true, false, false, true, false, false, true]);
    expect(faults.list()[0]).toMatchObject({ matched: 9, applied: 3, remaining: null, every: 3 });
  });

  it('every: k with times stops after `times` applications', () => {
    const faults = createFaultRegistry();
    faults.add({ path: '/plaid/item/get', kind: 'drop', every: 2, times: 1 });
    const fired = Array.from({ length: 6 }, () => faults.take('POST', '/plaid/item/get') !== undefined);
    expect(fired).toEqual([false, true, false, false, false, false]);
  });

  it('the first matching fault wins; remove and clear drop faults', () => {
    const faults = createFaultRegistry();
    const first = faults.add({ path: '/plaid/**', kind: 'delay', delayMs: 5, times: 5 });
    faults.add({ path: '/plaid/item/get', kind: 'drop' });
    expect(faults.take('POST', '/plaid/item/get')?.id).toBe(first.id);
    expect(faults.remove(first.id)).toBe(true);
    expect(faults.remove(first.id)).toBe(false);
    expect(faults.take('POST', '/plaid/item/get')?.kind).toBe('drop');
    faults.add({ path: '/x', kind: 'drop' });
    faults.clear();
    expect(faults.list()).toEqual([]);
  });
});

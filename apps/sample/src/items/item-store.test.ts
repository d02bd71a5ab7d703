import { InputValidationError, redactSecrets } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { SampleError } from '../errors/sample-error.js';
import { createItemStore } from './item-store.js';
import type { LinkedItem } from './linked-item.js';

const item = (itemId: string, institutionId = 'ins_109508'): LinkedItem => ({
  itemId,
  institutionId,
  institutionName: 'First Platypus Bank',
  accounts: [
    {
      id: `${itemId}-checking`,
      name: 'Plaid Checking',
      mask: '0000',
      type: 'depository',
      subtype: 'checking',
    },
    { id: `${itemId}-savings`, name: 'Plaid Saving', mask: '1111', type: 'depository', subtype: 'savings' },
  ],
  exchangeRequestId: 'req-1',
  linkedAt: '2026-01-01T00:00:00.000Z',
  stripe: null,
  dwolla: null,
});

describe('createItemStore', () => {
  it('keeps Items and their access tokens apart (tokens never appear in the Item)', () => {
    const store = createItemStore();
    store.add(item('item-a'), 'access-sandbox-aaaa-bbbb-cccc');
    expect(store.get('item-a').itemId).toBe('item-a');
    expect(store.accessTokenOf('item-a')).toBe('access-sandbox-aaaa-bbbb-cccc');
    expect(JSON.stringify(store.list())).not.toContain('access-sandbox');
    expect(redactSecrets('token access-sandbox-aaaa-bbbb-cccc')).not.toContain('aaaa-bbbb');
  });

  it('answers 404 ITEM_NOT_FOUND for an unknown Item and 400 for an empty id', () => {
    const store = createItemStore();
    try {
      store.get('nope');
      expect.unreachable();
    } catch (error) {
      expect(SampleError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 404, code: 'ITEM_NOT_FOUND' });
    }
    expect(() => store.accessTokenOf(' ')).toThrow(InputValidationError);
  });

  it('finds a duplicate by institution + account name + mask (the FAQ rule)', () => {
    const store = createItemStore();
    store.add(item('item-a'), 'access-sandbox-aaaa-bbbb-cccc');
    expect(
      store.findDuplicate({ institutionId: 'ins_109508', accountName: 'Plaid Saving', accountMask: '1111' }),
    ).toEqual({
      itemId: 'item-a',
      institutionName: 'First Platypus Bank',
      accountId: 'item-a-savings',
      accountName: 'Plaid Saving',
      accountMask: '1111',
      linkedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(
      store.findDuplicate({ institutionId: 'ins_109509', accountName: 'Plaid Saving', accountMask: '1111' }),
    ).toBeUndefined();
    expect(
      store.findDuplicate({ institutionId: 'ins_109508', accountName: 'Plaid Saving', accountMask: '9999' }),
    ).toBeUndefined();
    expect(
      store.findDuplicate({ institutionId: 'ins_109508', accountName: 'Other', accountMask: '1111' }),
    ).toBeUndefined();
  });

  it('records processor links', () => {
    const store = createItemStore();
    store.add(item('item-a'), 'access-sandbox-aaaa-bbbb-cccc');
    store.setProcessorLink('item-a', 'stripe', { customer: 'cus_1', destination: 'ba_1', accountId: 'a' });
    expect(store.get('item-a').stripe).toEqual({ customer: 'cus_1', destination: 'ba_1', accountId: 'a' });
  });
});

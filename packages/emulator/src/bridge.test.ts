import { describe, expect, it } from 'vitest';
import { createBridge } from './bridge.js';
import type { BankAccountDetails } from './types.js';

const details = (itemId: string): BankAccountDetails => ({
  itemId,
  accountId: `acc-${itemId}`,
  institutionId: 'ins_109508',
  institutionName: 'First Platypus Bank',
  accountName: 'Plaid Checking',
  accountMask: '0000',
  accountType: 'checking',
  routingNumber: '011401533',
  accountNumber: '1111222233330000',
  holderName: 'Alberta Bobbeth Charleson',
});

describe('createBridge', () => {
  it('revokeItem drops only that Item’s btoks and processor tokens', () => {
    const bridge = createBridge();
    bridge.stripeBankAccountTokens.set('btok_a', {
      token: 'btok_a',
      details: details('A'),
      livemode: false,
      createdAt: 1,
    });
    bridge.stripeBankAccountTokens.set('btok_b', {
      token: 'btok_b',
      details: details('B'),
      livemode: false,
      createdAt: 1,
    });
    bridge.dwollaProcessorTokens.set('processor-sandbox-a', {
      token: 'processor-sandbox-a',
      details: details('A'),
      createdAt: 1,
    });
    bridge.revokeItem('A');
    expect([...bridge.stripeBankAccountTokens.keys()]).toEqual(['btok_b']);
    expect(bridge.dwollaProcessorTokens.size).toBe(0);
  });

  it('reset empties both maps', () => {
    const bridge = createBridge();
    bridge.stripeBankAccountTokens.set('btok_a', {
      token: 'btok_a',
      details: details('A'),
      livemode: false,
      createdAt: 1,
    });
    bridge.dwollaProcessorTokens.set('p', { token: 'p', details: details('A'), createdAt: 1 });
    bridge.reset();
    expect(bridge.stripeBankAccountTokens.size + bridge.dwollaProcessorTokens.size).toBe(0);
  });
});

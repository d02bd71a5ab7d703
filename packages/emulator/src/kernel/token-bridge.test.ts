import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../state-codec.js';
import type { BankAccountDetails } from '../types.js';
import { createTokenBridge } from './token-bridge.js';

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

describe('createTokenBridge', () => {
  it('keys tokens by an open processor name: a token is found only under the name it was minted for', () => {
    const bridge = createTokenBridge();
    bridge.mint('acme_pay', 'processor-sandbox-1', details('A'), 5);
    expect(bridge.peek('acme_pay', 'processor-sandbox-1')).toEqual({
      token: 'processor-sandbox-1',
      details: details('A'),
      createdAt: 5,
    });
    expect(bridge.peek('dwolla', 'processor-sandbox-1')).toBeUndefined();
    expect(bridge.claim('dwolla', 'processor-sandbox-1')).toBeUndefined();
  });

  it('claims a token once, then answers claimed; peek never claims', () => {
    const bridge = createTokenBridge();
    bridge.mint('acme_pay', 't', details('A'), 1);
    expect(bridge.peek('acme_pay', 't')?.token).toBe('t');
    expect(bridge.claim('acme_pay', 't')).toMatchObject({ token: 't' });
    expect(bridge.claim('acme_pay', 't')).toBe('claimed');
    expect(bridge.peek('acme_pay', 't')?.token).toBe('t');
  });

  it('revokeItem drops only that Item’s tokens, of every processor', () => {
    const bridge = createTokenBridge();
    bridge.mint('stripe_bank_account_token', 'btok_a', details('A'), 1);
    bridge.mint('stripe_bank_account_token', 'btok_b', details('B'), 1);
    bridge.mint('dwolla', 'processor-sandbox-a', details('A'), 1);
    bridge.revokeItem('A');
    expect(bridge.peek('stripe_bank_account_token', 'btok_a')).toBeUndefined();
    expect(bridge.peek('stripe_bank_account_token', 'btok_b')?.token).toBe('btok_b');
    expect(bridge.count('dwolla')).toBe(0);
    expect(bridge.claim('dwolla', 'processor-sandbox-a')).toBeUndefined();
  });

  it('counts declared kinds under their state keys, zero before any mint, and keeps declarations on reset', () => {
    const bridge = createTokenBridge();
    bridge.declare({ processor: 'stripe_bank_account_token', stateKey: 'stripeBankAccountTokens' });
    bridge.declare({ processor: 'modern_treasury' });
    expect(bridge.counts()).toEqual({ stripeBankAccountTokens: 0 });
    bridge.mint('stripe_bank_account_token', 'btok_a', details('A'), 1);
    bridge.mint('modern_treasury', 'p', details('A'), 1);
    expect(bridge.counts()).toEqual({ stripeBankAccountTokens: 1 });
    bridge.reset();
    expect(bridge.counts()).toEqual({ stripeBankAccountTokens: 0 });
    expect(bridge.count('modern_treasury')).toBe(0);
  });

  it('reset forgets claims, so a re-minted token can be claimed again', () => {
    const bridge = createTokenBridge();
    bridge.mint('acme_pay', 't', details('A'), 1);
    bridge.claim('acme_pay', 't');
    bridge.reset();
    bridge.mint('acme_pay', 't', details('A'), 2);
    expect(bridge.claim('acme_pay', 't')).toMatchObject({ createdAt: 2 });
  });

  it('lists the processor names declared enabled, for minting providers that check names', () => {
    const bridge = createTokenBridge();
    bridge.declare({ processor: 'dwolla', stateKey: 'dwollaProcessorTokens' });
    bridge.declare({ processor: 'stripe', enabled: true });
    expect(bridge.enabledProcessors()).toEqual(['stripe']);
  });

  it('round-trips every processor’s tokens and the claims through the state codec', () => {
    const bridge = createTokenBridge();
    bridge.mint('modern_treasury', 'p1', details('A'), 1);
    bridge.mint('acme_pay', 'p2', details('B'), 2);
    bridge.claim('modern_treasury', 'p1');
    const restored = createTokenBridge();
    restored.importState(decodeState(encodeState(bridge.exportState())));
    expect(restored.claim('modern_treasury', 'p1')).toBe('claimed');
    expect(restored.claim('acme_pay', 'p2')).toMatchObject({ token: 'p2', createdAt: 2 });
  });

  it('imports an earlier release’s state file fields through the declared state keys', () => {
    const bridge = createTokenBridge();
    bridge.declare({ processor: 'dwolla', stateKey: 'dwollaProcessorTokens' });
    const legacy = {
      dwollaProcessorTokens: new Map([['p', { token: 'p', details: details('A'), createdAt: 3 }]]),
      somethingElse: new Map([['x', 'not a token']]),
    };
    bridge.importState(decodeState(encodeState(legacy)));
    expect(bridge.peek('dwolla', 'p')).toEqual({ token: 'p', details: details('A'), createdAt: 3 });
    bridge.importState('garbage');
    expect(bridge.count('dwolla')).toBe(0);
  });
});

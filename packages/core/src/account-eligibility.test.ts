import { describe, expect, it } from 'vitest';
import { AccountNotDebitableError, assertAchDebitable, checkAchDebitable } from './account-eligibility.js';
import { AchBridgeError } from './errors.js';
import type { PlaidAccount } from './plaid/plaid-client-types.js';

const checking: PlaidAccount = {
  accountId: 'acc-1',
  name: 'Plaid Checking',
  officialName: null,
  mask: '0000',
  type: 'depository',
  subtype: 'checking',
  verificationStatus: null,
  balances: { available: 100, current: 110, isoCurrencyCode: 'USD' },
};

describe('checkAchDebitable', () => {
  it('accepts US checking and savings accounts, and leaves a missing subtype or currency to the processor', () => {
    expect(checkAchDebitable(checking)).toEqual({ debitable: true });
    expect(checkAchDebitable({ ...checking, subtype: 'savings' })).toEqual({ debitable: true });
    expect(checkAchDebitable({ ...checking, subtype: null })).toEqual({ debitable: true });
    expect(
      checkAchDebitable({ ...checking, balances: { ...checking.balances, isoCurrencyCode: null } }),
    ).toEqual({ debitable: true });
    expect(checkAchDebitable({ ...checking, verificationStatus: 'automatically_verified' })).toEqual({
      debitable: true,
    });
  });

  it.each([
    [{ balances: { available: 1, current: 1, isoCurrencyCode: 'CAD' } }, 'non_us_account', 'CAD'],
    [{ type: 'credit', subtype: 'credit card' }, 'not_depository', "type 'credit'"],
    [{ subtype: 'cd' }, 'unsupported_subtype', "subtype 'cd'"],
    [{ subtype: 'money market' }, 'unsupported_subtype', "subtype 'money market'"],
    [{ verificationStatus: 'pending_automatic_verification' }, 'not_verified', 'pending_automatic'],
  ] as const)('refuses %j with reason %s', (change, reason, words) => {
    const verdict = checkAchDebitable({ ...checking, ...change } as PlaidAccount);
    expect(verdict).toMatchObject({ debitable: false, reason });
    expect(verdict.debitable ? '' : verdict.explanation).toContain(words);
  });
});

describe('assertAchDebitable', () => {
  it('throws a typed, marker-checked error naming the reason, the account and the processor', () => {
    let caught: unknown;
    try {
      assertAchDebitable({ ...checking, subtype: 'cd' }, 'stripe');
    } catch (error) {
      caught = error;
    }
    expect(AccountNotDebitableError.isInstance(caught)).toBe(true);
    expect(AchBridgeError.isInstance(caught)).toBe(true);
    const error = caught as AccountNotDebitableError;
    expect(error).toMatchObject({
      code: 'ACCOUNT_NOT_DEBITABLE',
      reason: 'unsupported_subtype',
      accountId: 'acc-1',
      processor: 'stripe',
    });
    expect(error.message).toContain("subtype 'cd'");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ reason: 'unsupported_subtype' });
    expect(() => assertAchDebitable(checking, 'dwolla')).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { AccountNotDebitableError } from './account-eligibility.js';
import { bankAccountTypeOf, readDebitAccountBesideMint } from './debit-account.js';
import { InputValidationError } from './errors.js';
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

function read(accounts: PlaidAccount[]) {
  return async () => ({ accounts, item: { itemId: 'item-1' } });
}

describe('readDebitAccountBesideMint', () => {
  it('starts the read and the mint together and returns the account, the item and the settled mint', async () => {
    const started: string[] = [];
    const result = await readDebitAccountBesideMint({
      readAccounts: async () => {
        started.push('read');
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { accounts: [checking], item: { itemId: 'item-1' } };
      },
      mint: async () => {
        started.push('mint');
        return 'token-1';
      },
      accountId: 'acc-1',
      processor: 'acme',
    });
    expect(started).toEqual(['read', 'mint']);
    expect(result).toEqual({
      account: checking,
      itemId: 'item-1',
      minted: { status: 'fulfilled', value: 'token-1' },
    });
  });

  it('lets the read decide: its error wins over a failed mint, and a failed mint is returned, not thrown', async () => {
    const readFailure = new Error('read failed');
    await expect(
      readDebitAccountBesideMint({
        readAccounts: () => Promise.reject(readFailure),
        mint: () => Promise.reject(new Error('mint failed')),
        accountId: 'acc-1',
        processor: 'acme',
      }),
    ).rejects.toBe(readFailure);
    const mintFailure = new Error('mint failed');
    const result = await readDebitAccountBesideMint({
      readAccounts: read([checking]),
      mint: () => Promise.reject(mintFailure),
      accountId: 'acc-1',
      processor: 'acme',
    });
    expect(result.minted).toEqual({ status: 'rejected', reason: mintFailure });
  });

  it('refuses an account id that is not on the Item, naming accountId and the operation', async () => {
    const failure = await readDebitAccountBesideMint({
      readAccounts: read([checking]),
      mint: async () => 'token',
      accountId: 'acc-other',
      processor: 'acme',
      operation: 'AcmeAdapter.link',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputValidationError);
    expect((failure as InputValidationError).message).toContain('AcmeAdapter.link');
    expect((failure as InputValidationError).issues[0]?.path).toBe('accountId');
  });

  it('refuses an account the processor cannot debit, even when the mint succeeded', async () => {
    const savingsCad = { ...checking, balances: { ...checking.balances, isoCurrencyCode: 'CAD' } };
    await expect(
      readDebitAccountBesideMint({
        readAccounts: read([savingsCad]),
        mint: async () => 'token',
        accountId: 'acc-1',
        processor: 'acme',
      }),
    ).rejects.toBeInstanceOf(AccountNotDebitableError);
  });
});

describe('bankAccountTypeOf', () => {
  it("takes Plaid's subtype, or the caller's type when it agrees or Plaid gives none", () => {
    expect(bankAccountTypeOf(checking, undefined)).toBe('checking');
    expect(bankAccountTypeOf({ ...checking, subtype: 'savings' }, 'savings')).toBe('savings');
    expect(bankAccountTypeOf({ ...checking, subtype: null }, 'savings')).toBe('savings');
  });

  it('names bankAccountType when the caller disagrees with Plaid or neither says', () => {
    const disagree = (() => {
      try {
        return bankAccountTypeOf(checking, 'savings');
      } catch (error) {
        return error;
      }
    })() as InputValidationError;
    expect(disagree).toBeInstanceOf(InputValidationError);
    expect(disagree.issues).toEqual([
      { path: 'bankAccountType', message: "is 'savings' but Plaid reports a checking account" },
    ]);
    expect(() => bankAccountTypeOf({ ...checking, subtype: null }, undefined)).toThrow(
      "is required: Plaid reports subtype 'none'",
    );
  });
});

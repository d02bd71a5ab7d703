import { describe, expect, it } from 'vitest';
import { AccountNotDebitableError } from './account-eligibility.js';
import { readLinkAccount } from './link-account-read.js';
import type { PlaidAccount, PlaidClient } from './plaid/plaid-client-types.js';
import type { PublicTokenExchangeMemo } from './plaid/public-token-exchange-memo.js';

const PUBLIC_TOKEN = 'public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc';
const ACCESS_TOKEN = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';

const checking: PlaidAccount = {
  accountId: 'acc-1',
  name: 'Plaid Checking',
  officialName: null,
  mask: '0000',
  type: 'depository',
  subtype: 'checking',
  verificationStatus: null,
  persistentAccountId: 'persistent-1',
  balances: { available: 100, current: 110, isoCurrencyCode: 'USD' },
};

/** A Plaid client and exchange memo that record what the link asked for. */
function recordingDeps(accounts: PlaidAccount[]) {
  const calls: unknown[][] = [];
  const plaid = {
    getAccounts: async (input: { accessToken: string; accountIds?: string[] }, options?: unknown) => {
      calls.push(['getAccounts', input, options]);
      return { accounts, item: { itemId: 'item-1' }, requestId: 'req-accounts' };
    },
  } as unknown as Pick<PlaidClient, 'getAccounts'>;
  const exchanges: PublicTokenExchangeMemo = {
    exchange: async (publicToken, signal) => {
      calls.push(['exchange', publicToken, signal]);
      return { accessToken: ACCESS_TOKEN, itemId: 'item-1' };
    },
  };
  return { deps: { plaid, exchanges }, calls };
}

describe('readLinkAccount', () => {
  it('exchanges the public token, then reads the account beside the mint made with that access token', async () => {
    const { deps, calls } = recordingDeps([checking]);
    const signal = new AbortController().signal;
    const minted: string[] = [];
    const read = await readLinkAccount(
      deps,
      { publicToken: PUBLIC_TOKEN, accountId: 'acc-1' },
      {
        processor: 'acme',
        signal,
        mint: async (accessToken) => {
          minted.push(accessToken);
          return 'token-1';
        },
      },
    );
    expect(read).toEqual({
      accessToken: ACCESS_TOKEN,
      exchanged: true,
      account: checking,
      itemId: 'item-1',
      persistentAccountId: 'persistent-1',
      minted: { status: 'fulfilled', value: 'token-1' },
    });
    expect(minted).toEqual([ACCESS_TOKEN]);
    expect(calls).toEqual([
      ['exchange', PUBLIC_TOKEN, signal],
      ['getAccounts', { accessToken: ACCESS_TOKEN, accountIds: ['acc-1'] }, { signal }],
    ]);
  });

  it('uses a given access token without an exchange, and reads a missing persistent id as null', async () => {
    const { deps, calls } = recordingDeps([{ ...checking, persistentAccountId: undefined }]);
    const read = await readLinkAccount(
      deps,
      { accessToken: ACCESS_TOKEN, accountId: 'acc-1' },
      { processor: 'acme', signal: undefined, mint: async () => 'token-1' },
    );
    expect(read).toMatchObject({ accessToken: ACCESS_TOKEN, exchanged: false, persistentAccountId: null });
    expect(calls).toEqual([['getAccounts', { accessToken: ACCESS_TOKEN, accountIds: ['acc-1'] }, {}]]);
  });

  it('refuses an account the processor cannot debit before anything is written', async () => {
    const { deps } = recordingDeps([{ ...checking, type: 'credit', subtype: 'credit card' }]);
    const error = await readLinkAccount(
      deps,
      { accessToken: ACCESS_TOKEN, accountId: 'acc-1' },
      { processor: 'acme', signal: undefined, mint: async () => 'token-1' },
    ).catch((caught: unknown) => caught);
    expect(AccountNotDebitableError.isInstance(error)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { InputValidationError } from './errors.js';
import { linkTokensOf, resolveLinkAccessToken, withHiddenAccessToken } from './link-access-token.js';
import type { PublicTokenExchangeMemo } from './plaid/public-token-exchange-memo.js';

const PUBLIC_TOKEN = 'public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc';
const ACCESS_TOKEN = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6';

/** A memo that records each exchange and answers a fixed access token. */
function recordingMemo(): {
  memo: PublicTokenExchangeMemo;
  exchanged: (string | AbortSignal | undefined)[][];
} {
  const exchanged: (string | AbortSignal | undefined)[][] = [];
  return {
    exchanged,
    memo: {
      exchange: async (publicToken, signal) => {
        exchanged.push([publicToken, signal]);
        return { accessToken: ACCESS_TOKEN, itemId: 'item-1' };
      },
    },
  };
}

describe('linkTokensOf', () => {
  it('names the Plaid token of a link input for the environment guard', () => {
    expect(linkTokensOf({ publicToken: PUBLIC_TOKEN })).toEqual([
      { field: 'publicToken', value: PUBLIC_TOKEN },
    ]);
    expect(linkTokensOf({ accessToken: ACCESS_TOKEN })).toEqual([
      { field: 'accessToken', value: ACCESS_TOKEN },
    ]);
    expect(linkTokensOf({})).toEqual([]);
  });
});

describe('resolveLinkAccessToken', () => {
  it('exchanges a public token through the memo, passing the signal on', async () => {
    const { memo, exchanged } = recordingMemo();
    const signal = new AbortController().signal;
    await expect(resolveLinkAccessToken(memo, { publicToken: PUBLIC_TOKEN }, signal)).resolves.toEqual({
      accessToken: ACCESS_TOKEN,
      exchanged: true,
    });
    expect(exchanged).toEqual([[PUBLIC_TOKEN, signal]]);
  });

  it('uses a given access token as it is, without any exchange', async () => {
    const { memo, exchanged } = recordingMemo();
    await expect(resolveLinkAccessToken(memo, { accessToken: ACCESS_TOKEN }, undefined)).resolves.toEqual({
      accessToken: ACCESS_TOKEN,
      exchanged: false,
    });
    expect(exchanged).toEqual([]);
  });

  it('refuses an input with neither token with a typed error', async () => {
    const { memo } = recordingMemo();
    const error = await resolveLinkAccessToken(memo, {}, undefined).catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'publicToken' });
  });
});

describe('withHiddenAccessToken', () => {
  it('keeps the token readable by name but out of keys, spreads and JSON', () => {
    const result = withHiddenAccessToken({ processor: 'acme', itemId: 'item-1' }, ACCESS_TOKEN);
    expect((result as { accessToken?: string }).accessToken).toBe(ACCESS_TOKEN);
    expect(Object.keys(result)).toEqual(['processor', 'itemId']);
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify({ ...result })).not.toContain(ACCESS_TOKEN);
  });
});

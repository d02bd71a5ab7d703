import { type DebitAccountRead, readDebitAccountBesideMint } from './debit-account.js';
import { type LinkAccessToken, type LinkTokenInput, resolveLinkAccessToken } from './link-access-token.js';
import type { PlaidClient } from './plaid/plaid-client-types.js';
import type { PublicTokenExchangeMemo } from './plaid/public-token-exchange-memo.js';

/** What the first half of an adapter's `link` learns: the access token, the debitable account and the mint's outcome. */
export interface LinkAccountRead<T> extends DebitAccountRead<T>, LinkAccessToken {
  /** Plaid's `persistent_account_id` of the account (tokenized-account-number banks), else null. */
  persistentAccountId: string | null;
}

/**
 * The first half every adapter's `link` runs on its validated input: the access token (given, or the public
 * token exchanged once through `exchanges`), then the account read (refusing, before any write, an account
 * `processor` cannot debit) beside `mint`, the processor's token minted with that access token.
 */
export async function readLinkAccount<T>(
  deps: { plaid: Pick<PlaidClient, 'getAccounts'>; exchanges: PublicTokenExchangeMemo },
  input: LinkTokenInput & { accountId: string },
  options: {
    processor: string;
    mint: (accessToken: string) => Promise<T>;
    signal: AbortSignal | undefined;
  },
): Promise<LinkAccountRead<T>> {
  const { signal } = options;
  const { accessToken, exchanged } = await resolveLinkAccessToken(deps.exchanges, input, signal);
  const read = await readDebitAccountBesideMint({
    readAccounts: () =>
      deps.plaid.getAccounts({ accessToken, accountIds: [input.accountId] }, signal ? { signal } : {}),
    mint: () => options.mint(accessToken),
    accountId: input.accountId,
    processor: options.processor,
  });
  return { ...read, accessToken, exchanged, persistentAccountId: read.account.persistentAccountId ?? null };
}

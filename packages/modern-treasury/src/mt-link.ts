import type { AdapterStore, LinkResult, PublicTokenExchangeMemo } from '@achbridge/core';
import { bankAccountTypeOf, readLinkAccount, withHiddenAccessToken } from '@achbridge/core/internal';
import type { z } from 'zod';
import type { linkInputSchema } from './mt-adapter-schemas.js';
import type { MtClient } from './mt-client.js';
import { createExternalAccountFromToken, findExternalAccount } from './mt-external-accounts.js';
import { deriveModernTreasuryKey } from './mt-keys.js';
import type { ModernTreasuryExternalAccountResult } from './mt-models.js';
import type { ModernTreasuryPlaidClient } from './mt-plaid-client.js';
import { requestModernTreasuryProcessorToken } from './mt-processor-token.js';
import { externalAccountOnce } from './mt-store-link.js';

/** What `link` returns: core's LinkResult plus the Modern Treasury external account. */
export interface ModernTreasuryLinkResult extends LinkResult {
  processor: 'modern_treasury';
  /** The counterparty that owns the external account (also `customerId`). */
  counterpartyId: string;
  /** The external account; `created: false` when it already existed (a re-run or a re-link). */
  externalAccount: ModernTreasuryExternalAccountResult;
  /**
   * The Item's Plaid access token (new when a public token was exchanged). Store it encrypted: a re-run
   * of `link` needs it, because a public token works only once. Non-enumerable, so logging, spreading or
   * `JSON.stringify` of the result never carries it; read it by name.
   */
  readonly accessToken: string;
  /** Plaid's request id of the processor token call; empty when the external account already existed. */
  processorTokenRequestId: string;
}

/**
 * The whole flow: public token → access token (or the given one) → account check (refusing, before any
 * write, an account Modern Treasury cannot debit by ACH) and a `modern_treasury` processor token, in
 * parallel → look up the external account by its derived `external_id` → else create it from the token. The `external_id` (unique
 * at Modern Treasury) and the Idempotency-Key derive from counterparty, Item and account — or, at a
 * tokenized-account-number bank (Plaid's `persistent_account_id`), from counterparty and the persistent
 * id, so a re-link through a new Item finds the same account. Every re-run returns `created: false`.
 */
export async function linkModernTreasuryAccount(
  deps: {
    plaid: ModernTreasuryPlaidClient;
    client: MtClient;
    exchanges: PublicTokenExchangeMemo;
    store?: AdapterStore | undefined;
  },
  input: z.output<ReturnType<typeof linkInputSchema>>,
  signal: AbortSignal | undefined,
): Promise<ModernTreasuryLinkResult> {
  // The accounts read (for the up-front refusal and the TAN identity) and the processor token run side by
  // side. The token's outcome matters only if an external account is then created: a re-run that the store
  // or the lookup answers drops it unused.
  const {
    accessToken,
    account,
    itemId,
    persistentAccountId,
    minted: token,
  } = await readLinkAccount(deps, input, {
    processor: 'modern_treasury',
    mint: (accessToken) =>
      requestModernTreasuryProcessorToken(deps.plaid, { accessToken, accountId: input.accountId, signal }),
    signal,
  });
  const accountType = bankAccountTypeOf(account, input.bankAccountType);
  const counterpartyId = input.counterparty;
  const identity =
    persistentAccountId === null
      ? [counterpartyId, 'item', itemId, input.accountId]
      : [counterpartyId, 'persistent', persistentAccountId];
  const externalId = deriveModernTreasuryKey('external-account', identity);
  const { externalAccount, processorTokenRequestId } = await externalAccountOnce(
    deps.store,
    { itemId, accountId: input.accountId, counterpartyId, signal },
    async () => {
      const existing = await findExternalAccount(deps.client, { counterpartyId, externalId, signal });
      if (existing) return { externalAccount: existing, processorTokenRequestId: '' };
      if (token.status === 'rejected') throw token.reason;
      const { processorToken, requestId } = token.value;
      const created = await createExternalAccountFromToken(deps.client, {
        counterpartyId,
        processorToken,
        externalId,
        // One key per create attempt from this processor token, reused by its retries. Modern Treasury echoes
        // a reused key's first answer whatever the body, so concurrent links (each with its own token) must
        // not share one: the unique external_id then lets exactly one of them create the account.
        idempotencyKey: deriveModernTreasuryKey('external-account-create', [...identity, processorToken]),
        name: input.name,
        accountType,
        metadata: {
          achbridge_plaid_item_id: itemId,
          achbridge_plaid_account_id: input.accountId,
          ...(persistentAccountId === null
            ? {}
            : { achbridge_plaid_persistent_account_id: persistentAccountId }),
        },
        signal,
      });
      return { externalAccount: created, processorTokenRequestId: created.created ? requestId : '' };
    },
  );
  const result = {
    processor: 'modern_treasury' as const,
    itemId,
    accountId: input.accountId,
    customerId: counterpartyId,
    counterpartyId,
    created: externalAccount.created,
    externalAccount,
    processorTokenRequestId,
  };
  return withHiddenAccessToken(result, accessToken) as ModernTreasuryLinkResult;
}

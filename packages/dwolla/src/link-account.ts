import type { AdapterStore, LinkResult, PublicTokenExchangeMemo } from '@achbridge/core';
import { bankAccountTypeOf, readLinkAccount, withHiddenAccessToken } from '@achbridge/core/internal';
import type { z } from 'zod';
import { createFundingSourceFromProcessorToken } from './create-funding-source.js';
import type { linkInputSchema } from './dwolla-adapter-schemas.js';
import type { DwollaClient } from './dwolla-client.js';
import type { DwollaFundingSourceResult } from './dwolla-models.js';
import type { DwollaPlaidClient } from './dwolla-plaid-client.js';
import { canonicalDwollaId } from './dwolla-url.js';
import { findByPersistentTag, fundingSourceName } from './funding-source-identity.js';
import { fetchCustomerFundingSources } from './funding-sources.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { requestDwollaProcessorToken } from './processor-token.js';
import { fundingSourceOnce } from './store-link.js';

/** What `link` returns: core's LinkResult plus the funding source. */
export interface DwollaLinkResult extends LinkResult {
  processor: 'dwolla';
  /** The funding source; `created: false` when it already existed (a re-run or a duplicate bank). */
  fundingSource: DwollaFundingSourceResult;
  /**
   * The Item's Plaid access token (new when a public token was exchanged). Store it encrypted: a re-run
   * of `link` needs it, because a public token works only once. It is a non-enumerable property, so
   * logging, spreading or `JSON.stringify` of the result never carries it; read it by name.
   */
  readonly accessToken: string;
  /**
   * Plaid's request id of the processor token call, for support tickets; empty when no processor token was
   * needed (a re-link at a tokenized-account-number bank found the existing funding source).
   */
  processorTokenRequestId: string;
}

/**
 * The whole flow: public token → access token (or the given access token) → account check (refusing,
 * before any write, an account Dwolla cannot debit) and processor token, in parallel → funding source. The
 * Idempotency-Key is derived from item, account and customer, so a re-run after a crash returns the
 * funding source made the first time; a public token is exchanged once per adapter, so a re-run with the
 * same public token reuses that exchange. At a tokenized-account-number bank (Plaid gives a
 * `persistent_account_id`) the funding-source name carries a tag of that id, and the customer's funding
 * sources are searched for it first, so a re-link through a new Item returns the existing funding source.
 */
export async function linkAccount(
  deps: {
    plaid: DwollaPlaidClient;
    dwolla: DwollaClient;
    exchanges: PublicTokenExchangeMemo;
    store?: AdapterStore | undefined;
  },
  input: z.output<ReturnType<typeof linkInputSchema>> & { customerId: string },
  signal: AbortSignal | undefined,
): Promise<DwollaLinkResult> {
  // The accounts read (for the up-front refusal and the TAN identity) and the processor token run side by
  // side, so a fresh link is 3 sequential round trips. The token's outcome matters only if a funding source
  // is then created: a re-run that the store or the TAN search answers drops it unused.
  const {
    accessToken,
    account,
    itemId,
    persistentAccountId,
    minted: token,
  } = await readLinkAccount(deps, input, {
    processor: 'dwolla',
    mint: (accessToken) =>
      requestDwollaProcessorToken(deps.plaid, { accessToken, accountId: input.accountId, signal }),
    signal,
  });
  const bankAccountType = bankAccountTypeOf(account, input.bankAccountType);
  const name = fundingSourceName(input.name, persistentAccountId);
  const linkKey = { itemId, accountId: input.accountId, customerId: input.customerId, signal };
  const { fundingSource, processorTokenRequestId } = await fundingSourceOnce(
    deps.store,
    linkKey,
    async () => {
      if (persistentAccountId !== null) {
        const sources = await fetchCustomerFundingSources(deps.dwolla, input.customerId, {
          removed: false,
          signal,
        });
        const same = findByPersistentTag(sources, { name, bankAccountType, persistentAccountId });
        if (same) return { fundingSource: { ...same, created: false }, processorTokenRequestId: '' };
      }
      if (token.status === 'rejected') throw token.reason;
      const { processorToken, requestId } = token.value;
      const fundingSource = await createFundingSourceFromProcessorToken(deps.dwolla, {
        customerId: input.customerId,
        processorToken,
        name,
        bankAccountType,
        persistentAccountId,
        method: input.method,
        idempotencyKey: idempotencyKeyOf(`dwolla.funding-source.${input.method}`, [
          itemId,
          input.accountId,
          canonicalDwollaId(input.customerId),
        ]),
        signal,
      });
      return { fundingSource, processorTokenRequestId: requestId };
    },
  );
  const result = {
    processor: 'dwolla' as const,
    itemId,
    accountId: input.accountId,
    customerId: input.customerId,
    created: fundingSource.created,
    fundingSource,
    processorTokenRequestId,
  };
  return withHiddenAccessToken(result, accessToken) as DwollaLinkResult;
}

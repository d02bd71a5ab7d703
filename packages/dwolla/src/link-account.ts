import {
  type AdapterStore,
  InputValidationError,
  type LinkResult,
  type PlaidAccount,
  type PublicTokenExchangeMemo,
} from '@achbridge/core';
import type { z } from 'zod';
import { createFundingSourceFromProcessorToken } from './create-funding-source.js';
import type { linkInputSchema } from './dwolla-adapter-schemas.js';
import type { DwollaClient } from './dwolla-client.js';
import type { DwollaFundingSourceResult } from './dwolla-models.js';
import type { DwollaPlaidClient } from './dwolla-plaid-client.js';
import { deriveIdempotencyKey } from './idempotency-key.js';
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
  /** Plaid's request id of the processor token call, for support tickets. */
  processorTokenRequestId: string;
}

const UNVERIFIED_STATUSES = new Set([
  'pending_automatic_verification',
  'pending_manual_verification',
  'unsent',
  'verification_expired',
  'verification_failed',
]);

function bankAccountTypeFor(
  accounts: PlaidAccount[],
  input: { accountId: string; bankAccountType?: 'checking' | 'savings' | undefined },
): 'checking' | 'savings' {
  const account = accounts.find((candidate) => candidate.accountId === input.accountId);
  const fail = (path: string, message: string): InputValidationError =>
    new InputValidationError('link', [{ path, message }]);
  if (!account) throw fail('accountId', 'is not an account of this Plaid Item');
  if (account.type !== 'depository') {
    throw fail('accountId', `must be a checking or savings account; Plaid reports type '${account.type}'`);
  }
  const status = account.verificationStatus ?? undefined;
  if (status && UNVERIFIED_STATUSES.has(status)) {
    throw fail(
      'accountId',
      `is not verified yet (Plaid verification_status '${status}'); link it once verified`,
    );
  }
  if (input.bankAccountType !== undefined) return input.bankAccountType;
  if (account.subtype === 'checking' || account.subtype === 'savings') return account.subtype;
  throw fail('bankAccountType', `is required: Plaid reports subtype '${account.subtype ?? 'none'}'`);
}

/**
 * The whole flow: public token → access token (or the given access token) → account check → processor
 * token → funding source. The Idempotency-Key is derived from item, account and customer, so a re-run
 * after a crash returns the funding source made the first time; a public token is exchanged once per
 * adapter, so a re-run with the same public token reuses that exchange.
 */
export async function linkAccount(
  deps: {
    plaid: DwollaPlaidClient;
    dwolla: DwollaClient;
    exchanges: PublicTokenExchangeMemo;
    store?: AdapterStore | undefined;
  },
  input: z.output<typeof linkInputSchema> & { customerId: string },
  signal: AbortSignal | undefined,
): Promise<DwollaLinkResult> {
  const callOptions = signal ? { signal } : {};
  const accessToken =
    input.publicToken === undefined
      ? (input.accessToken as string)
      : (await deps.exchanges.exchange(input.publicToken, signal)).accessToken;
  const { accounts, item } = await deps.plaid.getAccounts({ accessToken }, callOptions);
  const itemId = item.itemId;
  const bankAccountType = bankAccountTypeFor(accounts, input);
  const linkKey = { itemId, accountId: input.accountId, customerId: input.customerId, signal };
  const { fundingSource, processorTokenRequestId } = await fundingSourceOnce(
    deps.store,
    linkKey,
    async () => {
      const { processorToken, requestId } = await requestDwollaProcessorToken(deps.plaid, {
        accessToken,
        accountId: input.accountId,
        signal,
      });
      const fundingSource = await createFundingSourceFromProcessorToken(deps.dwolla, {
        customerId: input.customerId,
        processorToken,
        name: input.name,
        bankAccountType,
        method: input.method,
        idempotencyKey: deriveIdempotencyKey(`dwolla.funding-source.${input.method}`, [
          itemId,
          input.accountId,
          input.customerId.toLowerCase(),
        ]),
        signal,
      });
      return { fundingSource, processorTokenRequestId: requestId };
    },
  );
  const result = {
    processor: 'dwolla',
    itemId,
    accountId: input.accountId,
    customerId: input.customerId,
    created: fundingSource.created,
    fundingSource,
    processorTokenRequestId,
  } as DwollaLinkResult;
  Object.defineProperty(result, 'accessToken', { value: accessToken, enumerable: false });
  return result;
}

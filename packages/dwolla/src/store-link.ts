import type { AdapterStore } from '@achbridge/core';
import { lazySchema, parseResponse } from '@achbridge/core/internal';
import { z } from 'zod';
import type { DwollaFundingSourceResult } from './dwolla-models.js';
import { canonicalDwollaId } from './dwolla-url.js';

/** What a `link` creates on the Dwolla side: the funding source and the processor token call's request id. */
export interface DwollaLinkObject {
  fundingSource: DwollaFundingSourceResult;
  processorTokenRequestId: string;
}

const storedLinkSchema = lazySchema(() =>
  z.object({
    fundingSource: z.looseObject({
      id: z.string().min(1),
      url: z.string().min(1),
      status: z.string(),
      type: z.string(),
      name: z.string(),
      bankName: z.string().nullable(),
      bankAccountType: z.string().nullable(),
      createdAt: z.string().nullable(),
      removed: z.boolean(),
      channels: z.array(z.string()),
      fingerprint: z.string().nullable(),
      customerUrl: z.string().nullable(),
      created: z.boolean(),
    }),
    processorTokenRequestId: z.string(),
  }),
);

/** The key of a Dwolla link in the store. */
export interface DwollaLinkKey {
  itemId: string;
  accountId: string;
  customerId: string;
  signal: AbortSignal | undefined;
}

/**
 * Creates the funding source once per (item, account, `dwolla`, customer) across every process sharing
 * `store`; without a store it just creates. A stored link is returned with `created: false`.
 */
export async function fundingSourceOnce(
  store: AdapterStore | undefined,
  key: DwollaLinkKey,
  create: () => Promise<DwollaLinkObject>,
): Promise<DwollaLinkObject> {
  if (store === undefined) return create();
  const { value, created } = await store.claimProcessorLink(
    {
      itemId: key.itemId,
      accountId: key.accountId,
      processor: 'dwolla',
      customerId: canonicalDwollaId(key.customerId),
    },
    async () => {
      const result = await create();
      return { objectId: result.fundingSource.url, details: { ...result } };
    },
    { signal: key.signal },
  );
  const stored = parseResponse(storedLinkSchema(), value.details, {
    provider: 'dwolla',
    endpoint: 'store: processor link',
  });
  return {
    fundingSource: { ...stored.fundingSource, created: created && stored.fundingSource.created },
    processorTokenRequestId: stored.processorTokenRequestId,
  };
}

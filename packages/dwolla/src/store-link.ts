import type { AdapterStore } from '@achbridge/core';
import { lazySchema, type ProcessorLinkClaimKey, processorLinkOnce } from '@achbridge/core/internal';
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

/** The key of a Dwolla link in the store (the processor is `dwolla`). */
export type DwollaLinkKey = Omit<ProcessorLinkClaimKey, 'processor'>;

/**
 * Creates the funding source once per (item, account, `dwolla`, customer) across every process sharing
 * `store`; without a store it just creates. A stored link is returned with `created: false`.
 */
export async function fundingSourceOnce(
  store: AdapterStore | undefined,
  key: DwollaLinkKey,
  create: () => Promise<DwollaLinkObject>,
): Promise<DwollaLinkObject> {
  const { value, claimed } = await processorLinkOnce(
    store,
    {
      itemId: key.itemId,
      accountId: key.accountId,
      processor: 'dwolla',
      customerId: canonicalDwollaId(key.customerId),
      signal: key.signal,
    },
    create,
    { objectIdOf: (link) => link.fundingSource.url, schema: storedLinkSchema(), provider: 'dwolla' },
  );
  return {
    fundingSource: { ...value.fundingSource, created: claimed && value.fundingSource.created },
    processorTokenRequestId: value.processorTokenRequestId,
  };
}

import type { AdapterStore } from '@achbridge/core';
import { lazySchema, processorLinkOnce } from '@achbridge/core/internal';
import { z } from 'zod';
import type { ModernTreasuryExternalAccountResult } from './mt-models.js';

/** What a `link` creates at Modern Treasury: the external account and the processor token call's request id. */
export interface MtLinkObject {
  externalAccount: ModernTreasuryExternalAccountResult;
  processorTokenRequestId: string;
}

const storedLinkSchema = lazySchema(() =>
  z.object({
    externalAccount: z.looseObject({
      id: z.string().min(1),
      counterpartyId: z.string().nullable(),
      accountType: z.string(),
      name: z.string().nullable(),
      accountNumberLast4: z.string().nullable(),
      routingNumber: z.string().nullable(),
      verificationStatus: z.string(),
      verificationSource: z.string().nullable(),
      externalId: z.string().nullable(),
      metadata: z.record(z.string(), z.string()),
      liveMode: z.boolean(),
      createdAt: z.string(),
      created: z.boolean(),
    }),
    processorTokenRequestId: z.string(),
  }),
);

/**
 * Creates the external account once per (item, account, `modern_treasury`, counterparty) across every
 * process sharing `store`; without a store it just creates. A stored link comes back with `created: false`.
 */
export async function externalAccountOnce(
  store: AdapterStore | undefined,
  key: { itemId: string; accountId: string; counterpartyId: string; signal: AbortSignal | undefined },
  create: () => Promise<MtLinkObject>,
): Promise<MtLinkObject> {
  const { value, claimed } = await processorLinkOnce(
    store,
    {
      itemId: key.itemId,
      accountId: key.accountId,
      processor: 'modern_treasury',
      customerId: key.counterpartyId,
      signal: key.signal,
    },
    create,
    {
      objectIdOf: (link) => link.externalAccount.id,
      schema: storedLinkSchema(),
      provider: 'modern_treasury',
    },
  );
  return {
    externalAccount: { ...value.externalAccount, created: claimed && value.externalAccount.created },
    processorTokenRequestId: value.processorTokenRequestId,
  };
}

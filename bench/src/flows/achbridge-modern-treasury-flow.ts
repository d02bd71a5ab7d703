import { createPlaidClient } from '@achbridge/core';
import { createModernTreasuryAdapter } from '@achbridge/modern-treasury';
import type { FlowFactory } from './flow-types.js';

/** achbridge: `createModernTreasuryAdapter(...).link()` with default settings (its default transport). */
export const createAchbridgeModernTreasuryFlow: FlowFactory = (info, hooks = {}) => {
  const plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: info.plaid.baseUrl,
    clientId: info.plaid.clientId,
    secret: info.plaid.secret,
    ...(hooks.maxRetries === undefined ? {} : { maxRetries: hooks.maxRetries }),
  });
  const adapter = createModernTreasuryAdapter({
    plaid,
    modernTreasury: {
      environment: 'sandbox',
      baseUrl: info.modernTreasury.baseUrl,
      organizationId: info.modernTreasury.organizationId,
      apiKey: info.modernTreasury.apiKey,
    },
    ...(hooks.maxRetries === undefined ? {} : { retry: { maxRetries: hooks.maxRetries } }),
  });
  return {
    async run(job) {
      const linked = await adapter.link({
        ...(job.publicToken === undefined
          ? { accessToken: job.accessToken }
          : { publicToken: job.publicToken }),
        accountId: job.accountId,
        counterparty: job.customer,
      });
      return { resourceId: linked.externalAccount.id };
    },
  };
};

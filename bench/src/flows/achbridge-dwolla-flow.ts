import { createPlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient } from '@achbridge/dwolla';
import type { FlowFactory } from './flow-types.js';

/** achbridge: `createDwollaAdapter(...).link()` with default settings (its default transport). */
export const createAchbridgeDwollaFlow: FlowFactory = (info, hooks = {}) => {
  const retries = {
    ...(hooks.maxRetries === undefined ? {} : { maxRetries: hooks.maxRetries }),
  };
  const plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: info.plaid.baseUrl,
    clientId: info.plaid.clientId,
    secret: info.plaid.secret,
    ...retries,
  });
  const dwolla = createDwollaClient({
    environment: 'sandbox',
    baseUrl: info.dwolla.baseUrl,
    key: info.dwolla.key,
    secret: info.dwolla.secret,
    ...retries,
  });
  const adapter = createDwollaAdapter({ plaid, dwolla });
  return {
    async run(job) {
      const linked = await adapter.link({
        ...(job.publicToken === undefined
          ? { accessToken: job.accessToken }
          : { publicToken: job.publicToken }),
        accountId: job.accountId,
        customer: job.customer,
        name: 'Bench Checking',
      });
      return { resourceId: linked.fundingSource.id };
    },
  };
};

import { createPlaidClient } from '@achbridge/core';
import { createStripeAdapter } from '@achbridge/stripe';
import type { FlowFactory } from './flow-types.js';

/** achbridge: `createStripeAdapter(...).link()` with default settings (its default transport). */
export const createAchbridgeStripeFlow: FlowFactory = (info, hooks = {}) => {
  const plaid = createPlaidClient({
    environment: 'sandbox',
    baseUrl: info.plaid.baseUrl,
    clientId: info.plaid.clientId,
    secret: info.plaid.secret,
    ...(hooks.maxRetries === undefined ? {} : { maxRetries: hooks.maxRetries }),
  });
  const adapter = createStripeAdapter({
    plaid,
    stripe: {
      secretKey: info.stripe.secretKey,
      host: info.stripe.host,
      port: info.stripe.port,
      protocol: info.stripe.protocol,
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
        customer: { id: job.customer },
      });
      return { resourceId: linked.bankAccount.id };
    },
  };
};

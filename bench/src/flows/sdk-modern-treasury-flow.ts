import { randomUUID } from 'node:crypto';
import ModernTreasury from 'modern-treasury';
import { Configuration, PlaidApi, ProcessorTokenCreateRequestProcessorEnum } from 'plaid';
import type { FlowFactory } from './flow-types.js';

/**
 * Hand-written glue over the official SDKs: plaid (exchange, processor token) + modern-treasury
 * (externalAccounts.create with the processor token).
 */
export const createSdkModernTreasuryFlow: FlowFactory = (info) => {
  const plaid = new PlaidApi(
    new Configuration({
      basePath: info.plaid.baseUrl,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': info.plaid.clientId, 'PLAID-SECRET': info.plaid.secret } },
    }),
  );
  const mt = new ModernTreasury({
    apiKey: info.modernTreasury.apiKey,
    organizationID: info.modernTreasury.organizationId,
    baseURL: info.modernTreasury.baseUrl,
  });
  return {
    async run(job) {
      const accessToken =
        job.publicToken === undefined
          ? (job.accessToken as string)
          : (await plaid.itemPublicTokenExchange({ public_token: job.publicToken })).data.access_token;
      const processor = await plaid.processorTokenCreate({
        access_token: accessToken,
        account_id: job.accountId,
        processor: ProcessorTokenCreateRequestProcessorEnum.ModernTreasury,
      });
      const account = await mt.externalAccounts.create(
        { counterparty_id: job.customer, plaid_processor_token: processor.data.processor_token },
        { idempotencyKey: randomUUID() },
      );
      return { resourceId: account.id };
    },
  };
};

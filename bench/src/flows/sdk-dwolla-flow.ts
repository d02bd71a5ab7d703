import { randomUUID } from 'node:crypto';
import { Client } from 'dwolla-v2';
import { Configuration, PlaidApi, ProcessorTokenCreateRequestProcessorEnum } from 'plaid';
import type { FlowFactory } from './flow-types.js';

/** Hand-written glue over the official SDKs: plaid (exchange, processor token) + dwolla-v2 (funding source). */
export const createSdkDwollaFlow: FlowFactory = (info) => {
  const plaid = new PlaidApi(
    new Configuration({
      basePath: info.plaid.baseUrl,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': info.plaid.clientId, 'PLAID-SECRET': info.plaid.secret } },
    }),
  );
  const dwolla = new Client({ key: info.dwolla.key, secret: info.dwolla.secret, environment: 'sandbox' });
  // dwolla-v2 has no base-URL option; it reads these properties at request time.
  Object.assign(dwolla, { apiUrl: info.dwolla.baseUrl, tokenUrl: `${info.dwolla.baseUrl}/token` });
  return {
    async run(job) {
      const accessToken =
        job.publicToken === undefined
          ? (job.accessToken as string)
          : (await plaid.itemPublicTokenExchange({ public_token: job.publicToken })).data.access_token;
      const processor = await plaid.processorTokenCreate({
        access_token: accessToken,
        account_id: job.accountId,
        processor: ProcessorTokenCreateRequestProcessorEnum.Dwolla,
      });
      const created = await dwolla.post(
        `${job.customer}/funding-sources`,
        { plaidToken: processor.data.processor_token, name: 'Bench Checking' },
        { 'Idempotency-Key': randomUUID() },
      );
      const location = created.headers.get('location') ?? '';
      return { resourceId: location.slice(location.lastIndexOf('/') + 1) };
    },
  };
};

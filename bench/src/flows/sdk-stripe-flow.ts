import { Configuration, PlaidApi } from 'plaid';
import Stripe from 'stripe';
import type { FlowFactory } from './flow-types.js';

/** Hand-written glue over the official SDKs: plaid (exchange, btok) + stripe (customers.createSource). */
export const createSdkStripeFlow: FlowFactory = (info) => {
  const plaid = new PlaidApi(
    new Configuration({
      basePath: info.plaid.baseUrl,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': info.plaid.clientId, 'PLAID-SECRET': info.plaid.secret } },
    }),
  );
  const stripe = new Stripe(info.stripe.secretKey, {
    host: info.stripe.host,
    port: info.stripe.port,
    protocol: info.stripe.protocol,
  });
  return {
    async run(job) {
      const accessToken =
        job.publicToken === undefined
          ? (job.accessToken as string)
          : (await plaid.itemPublicTokenExchange({ public_token: job.publicToken })).data.access_token;
      const btok = await plaid.processorStripeBankAccountTokenCreate({
        access_token: accessToken,
        account_id: job.accountId,
      });
      const source = await stripe.customers.createSource(job.customer, {
        source: btok.data.stripe_bank_account_token,
      });
      return { resourceId: source.id };
    },
  };
};

import type { FlowFactory } from './flow-types.js';

/** Bare fetch and JSON.parse, no validation, no retries, no duplicate check. */
export const createFetchStripeFlow: FlowFactory = (info) => {
  const credentials = { client_id: info.plaid.clientId, secret: info.plaid.secret };
  const plaid = async (path: string, body: Record<string, string>): Promise<Record<string, string>> => {
    const response = await fetch(`${info.plaid.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, ...body }),
    });
    if (!response.ok) throw new Error(`plaid ${path}: ${response.status}`);
    return (await response.json()) as Record<string, string>;
  };
  return {
    async run(job) {
      const accessToken =
        job.publicToken === undefined
          ? (job.accessToken as string)
          : (await plaid('/item/public_token/exchange', { public_token: job.publicToken }))['access_token'];
      const btok = await plaid('/processor/stripe/bank_account_token/create', {
        access_token: accessToken as string,
        account_id: job.accountId,
      });
      const response = await fetch(`${info.url}/v1/customers/${job.customer}/sources`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${info.stripe.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `source=${encodeURIComponent(btok['stripe_bank_account_token'] as string)}`,
      });
      if (!response.ok) throw new Error(`stripe attach: ${response.status}`);
      const source = (await response.json()) as { id: string };
      return { resourceId: source.id };
    },
  };
};

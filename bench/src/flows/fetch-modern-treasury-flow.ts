import { randomUUID } from 'node:crypto';
import type { FlowFactory } from './flow-types.js';

/** Bare fetch and JSON.parse, no validation, no retries, no duplicate check. */
export const createFetchModernTreasuryFlow: FlowFactory = (info) => {
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
  const basic = `Basic ${Buffer.from(`${info.modernTreasury.organizationId}:${info.modernTreasury.apiKey}`).toString('base64')}`;
  return {
    async run(job) {
      const accessToken =
        job.publicToken === undefined
          ? (job.accessToken as string)
          : (await plaid('/item/public_token/exchange', { public_token: job.publicToken }))['access_token'];
      const processor = await plaid('/processor/token/create', {
        access_token: accessToken as string,
        account_id: job.accountId,
        processor: 'modern_treasury',
      });
      const response = await fetch(`${info.modernTreasury.baseUrl}/api/external_accounts`, {
        method: 'POST',
        headers: {
          authorization: basic,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          counterparty_id: job.customer,
          plaid_processor_token: processor['processor_token'],
        }),
      });
      if (response.status !== 201) throw new Error(`modern treasury external account: ${response.status}`);
      const account = (await response.json()) as { id: string };
      return { resourceId: account.id };
    },
  };
};

import { randomUUID } from 'node:crypto';
import type { FlowFactory } from './flow-types.js';

const MEDIA_TYPE = 'application/vnd.dwolla.v1.hal+json';

/** Bare fetch and JSON.parse, no validation, no retries; one Dwolla app token, fetched once. */
export const createFetchDwollaFlow: FlowFactory = (info) => {
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
  let token: Promise<string> | undefined;
  const dwollaToken = (): Promise<string> => {
    token ??= fetch(`${info.dwolla.baseUrl}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${info.dwolla.key}:${info.dwolla.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    })
      .then((response) => response.json())
      .then((body) => (body as { access_token: string }).access_token);
    return token;
  };
  return {
    async run(job) {
      const accessToken =
        job.publicToken === undefined
          ? (job.accessToken as string)
          : (await plaid('/item/public_token/exchange', { public_token: job.publicToken }))['access_token'];
      const processor = await plaid('/processor/token/create', {
        access_token: accessToken as string,
        account_id: job.accountId,
        processor: 'dwolla',
      });
      const response = await fetch(`${job.customer}/funding-sources`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await dwollaToken()}`,
          accept: MEDIA_TYPE,
          'content-type': MEDIA_TYPE,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ plaidToken: processor['processor_token'], name: 'Bench Checking' }),
      });
      if (response.status !== 201) throw new Error(`dwolla funding source: ${response.status}`);
      await response.arrayBuffer();
      const location = response.headers.get('location') ?? '';
      return { resourceId: location.slice(location.lastIndexOf('/') + 1) };
    },
  };
};

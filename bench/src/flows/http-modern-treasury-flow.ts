import { randomUUID } from 'node:crypto';
import { rawRequestHonouringRetryAfter } from '../lib/raw-http.js';
import type { FlowFactory } from './flow-types.js';
import { accessTokenOf, createRawPlaidCall } from './http-plaid.js';

/**
 * The floor: raw node:http and JSON.parse, the 3 necessary calls (exchange, processor token, external
 * account), no validation, 429s waited out per Retry-After. Fresh links only: it sends no `external_id`,
 * so it has no way to find an existing account (the client-cost section gives every flow a new counterparty).
 */
export const createHttpModernTreasuryFlow: FlowFactory = (info, hooks = {}) => {
  const maxRetries = hooks.maxRetries ?? 5;
  const plaid = createRawPlaidCall(info, maxRetries);
  const basic = `Basic ${Buffer.from(`${info.modernTreasury.organizationId}:${info.modernTreasury.apiKey}`).toString('base64')}`;
  return {
    async run(job) {
      const accessToken = await accessTokenOf(plaid, job);
      const processor = await plaid('/processor/token/create', {
        access_token: accessToken,
        account_id: job.accountId,
        processor: 'modern_treasury',
      });
      const answer = await rawRequestHonouringRetryAfter(
        `${info.modernTreasury.baseUrl}/api/external_accounts`,
        'POST',
        { authorization: basic, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        JSON.stringify({
          counterparty_id: job.customer,
          plaid_processor_token: processor['processor_token'],
        }),
        maxRetries,
      );
      if (answer.status !== 201)
        throw new Error(`modern treasury external account: ${answer.status} ${answer.text.slice(0, 200)}`);
      return { resourceId: (JSON.parse(answer.text) as { id: string }).id };
    },
  };
};

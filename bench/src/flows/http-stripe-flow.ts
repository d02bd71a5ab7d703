import { rawRequestHonouringRetryAfter } from '../lib/raw-http.js';
import type { FlowFactory } from './flow-types.js';
import { accessTokenOf, createRawPlaidCall, mintBesideRead } from './http-plaid.js';

/**
 * The floor: raw node:http and JSON.parse, the 3 necessary calls (exchange, btok, attach), no validation,
 * 429s waited out per Retry-After. A re-run's attach answers `bank_account_exists`; only then does it read
 * the token's fingerprint and the customer's bank accounts to return the existing one. With `readAccounts`
 * it is the 4-call floor: the accounts read runs beside the btok, as in achbridge.
 */
export const createHttpStripeFlow: FlowFactory = (info, hooks = {}) => {
  const maxRetries = hooks.maxRetries ?? 5;
  const plaid = createRawPlaidCall(info, maxRetries);
  const stripe = async (
    method: string,
    path: string,
    body = '',
  ): Promise<{ status: number; json: unknown }> => {
    const answer = await rawRequestHonouringRetryAfter(
      `${info.url}${path}`,
      method,
      {
        authorization: `Bearer ${info.stripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
      maxRetries,
    );
    return { status: answer.status, json: JSON.parse(answer.text) as unknown };
  };
  return {
    async run(job) {
      const accessToken = await accessTokenOf(plaid, job);
      const btok = (
        await mintBesideRead(plaid, hooks.readAccounts === true, accessToken, job.accountId, () =>
          plaid('/processor/stripe/bank_account_token/create', {
            access_token: accessToken,
            account_id: job.accountId,
          }),
        )
      )['stripe_bank_account_token'] as string;
      const attached = await stripe(
        'POST',
        `/v1/customers/${job.customer}/sources`,
        `source=${encodeURIComponent(btok)}`,
      );
      if (attached.status === 200) return { resourceId: (attached.json as { id: string }).id };
      const code = (attached.json as { error?: { code?: string } }).error?.code;
      if (code !== 'bank_account_exists') throw new Error(`stripe attach: ${attached.status} ${code}`);
      const token = await stripe('GET', `/v1/tokens/${btok}`);
      const fingerprint = (token.json as { bank_account: { fingerprint: string } }).bank_account.fingerprint;
      const listed = await stripe(
        'GET',
        `/v1/customers/${job.customer}/sources?object=bank_account&limit=100`,
      );
      const existing = (listed.json as { data: { id: string; fingerprint: string }[] }).data.find(
        (account) => account.fingerprint === fingerprint,
      );
      if (!existing)
        throw new Error('stripe attach: bank_account_exists, but no account with its fingerprint');
      return { resourceId: existing.id };
    },
  };
};

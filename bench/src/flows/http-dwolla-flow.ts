import { randomUUID } from 'node:crypto';
import { rawRequest, rawRequestHonouringRetryAfter } from '../lib/raw-http.js';
import type { FlowFactory } from './flow-types.js';
import { accessTokenOf, createRawPlaidCall } from './http-plaid.js';

const MEDIA_TYPE = 'application/vnd.dwolla.v1.hal+json';

/**
 * The floor: raw node:http and JSON.parse, the 3 necessary calls (exchange, processor token, create with an
 * Idempotency-Key), no validation, 429s waited out per Retry-After; the app token is fetched once. A
 * re-run's create answers `DuplicateResource`, whose `_links.about` names the existing funding source.
 */
export const createHttpDwollaFlow: FlowFactory = (info, hooks = {}) => {
  const maxRetries = hooks.maxRetries ?? 5;
  const plaid = createRawPlaidCall(info, maxRetries);
  let token: Promise<string> | undefined;
  const dwollaToken = (): Promise<string> => {
    token ??= rawRequest(
      `${info.dwolla.baseUrl}/token`,
      'POST',
      {
        authorization: `Basic ${Buffer.from(`${info.dwolla.key}:${info.dwolla.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      'grant_type=client_credentials',
    ).then((answer) => (JSON.parse(answer.text) as { access_token: string }).access_token);
    return token;
  };
  const idOf = (url: string): string => url.slice(url.lastIndexOf('/') + 1);
  return {
    async run(job) {
      const accessToken = await accessTokenOf(plaid, job);
      const processor = await plaid('/processor/token/create', {
        access_token: accessToken,
        account_id: job.accountId,
        processor: 'dwolla',
      });
      const answer = await rawRequestHonouringRetryAfter(
        `${job.customer}/funding-sources`,
        'POST',
        {
          authorization: `Bearer ${await dwollaToken()}`,
          accept: MEDIA_TYPE,
          'content-type': MEDIA_TYPE,
          'idempotency-key': randomUUID(),
        },
        JSON.stringify({ plaidToken: processor['processor_token'], name: 'Bench Checking' }),
        maxRetries,
      );
      if (answer.status === 201) return { resourceId: idOf(answer.location ?? '') };
      const error = JSON.parse(answer.text) as { code?: string; _links?: { about?: { href?: string } } };
      const about = error._links?.about?.href;
      if (answer.status !== 400 || error.code !== 'DuplicateResource' || !about) {
        throw new Error(`dwolla funding source: ${answer.status} ${error.code}`);
      }
      return { resourceId: idOf(about) };
    },
  };
};

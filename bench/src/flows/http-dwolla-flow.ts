import { randomUUID } from 'node:crypto';
import { rawRequest, rawRequestHonouringRetryAfter } from '../lib/raw-http.js';
import type { FlowFactory } from './flow-types.js';
import { accessTokenOf, createRawPlaidCall, mintBesideRead } from './http-plaid.js';

const MEDIA_TYPE = 'application/vnd.dwolla.v1.hal+json';
const FUNDING_SOURCE_NAME = 'Bench Checking';

interface DwollaError {
  code?: string;
  _links?: { about?: { href?: string } };
  message?: string;
}

interface FundingSourceList {
  _embedded?: { 'funding-sources'?: { id: string; name?: string; removed?: boolean }[] };
}

/**
 * The floor: raw node:http and JSON.parse, the 3 necessary calls (exchange, processor token, create with an
 * Idempotency-Key), no validation, 429s waited out per Retry-After; the app token is fetched once. A
 * re-run's create answers a duplicate in one of Dwolla's two forms: `DuplicateResource`, whose `_links.about`
 * names the existing funding source, or the documented `ValidationError` "Duplicate funding source or
 * validation error…", which names none, after which the customer's funding sources are listed once to find it
 * by name. With `readAccounts` it is the 4-call floor: the accounts read runs beside the processor token, as
 * in achbridge.
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
      const processor = await mintBesideRead(
        plaid,
        hooks.readAccounts === true,
        accessToken,
        job.accountId,
        () =>
          plaid('/processor/token/create', {
            access_token: accessToken,
            account_id: job.accountId,
            processor: 'dwolla',
          }),
      );
      const answer = await rawRequestHonouringRetryAfter(
        `${job.customer}/funding-sources`,
        'POST',
        {
          authorization: `Bearer ${await dwollaToken()}`,
          accept: MEDIA_TYPE,
          'content-type': MEDIA_TYPE,
          'idempotency-key': randomUUID(),
        },
        JSON.stringify({ plaidToken: processor['processor_token'], name: FUNDING_SOURCE_NAME }),
        maxRetries,
      );
      if (answer.status === 201) return { resourceId: idOf(answer.location ?? '') };
      const error = JSON.parse(answer.text) as DwollaError;
      const about = error._links?.about?.href;
      if (answer.status === 400 && error.code === 'DuplicateResource' && about)
        return { resourceId: idOf(about) };
      const duplicate = error.message?.startsWith('Duplicate funding source') === true;
      if (answer.status !== 400 || error.code !== 'ValidationError' || !duplicate) {
        throw new Error(`dwolla funding source: ${answer.status} ${error.code}`);
      }
      const list = await rawRequestHonouringRetryAfter(
        `${job.customer}/funding-sources`,
        'GET',
        { authorization: `Bearer ${await dwollaToken()}`, accept: MEDIA_TYPE },
        '',
        maxRetries,
      );
      const sources = (JSON.parse(list.text) as FundingSourceList)._embedded?.['funding-sources'] ?? [];
      const existing = sources.find(
        (source) => source.name === FUNDING_SOURCE_NAME && source.removed !== true,
      );
      if (!existing) throw new Error('dwolla funding source: a duplicate was reported but none is listed');
      return { resourceId: existing.id };
    },
  };
};

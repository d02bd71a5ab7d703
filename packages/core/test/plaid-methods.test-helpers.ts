import nock from 'nock';
import { createPlaidClient } from '../src/plaid/create-plaid-client.js';
import type { PlaidCallOptions, PlaidClient, PlaidClientSettings } from '../src/plaid/plaid-client-types.js';
import {
  ACCESS_TOKEN,
  ACCOUNT_ID,
  CLIENT_ID,
  ITEM_ID,
  institution,
  okAnswers,
  PUBLIC_TOKEN,
  SECRET,
} from './plaid-fixtures.test-helpers.js';

/** The sandbox host the tests intercept. */
export const SANDBOX = 'https://sandbox.plaid.com';

/** One Plaid client method with a valid input, the body it must send and the result it must return. */
export interface MethodCase {
  name: string;
  path: string;
  input: Record<string, unknown>;
  expectedBody: Record<string, unknown>;
  expectedResult: unknown;
  /** The input field that carries a token, if any. */
  tokenField?: { field: string; kind: 'access' | 'public' };
  sandboxOnly?: boolean;
}

const camelItem = {
  itemId: ITEM_ID,
  institutionId: 'ins_109508',
  webhook: 'https://example.com/plaid/webhook',
  error: null,
  availableProducts: ['balance', 'identity'],
  billedProducts: ['auth'],
  consentExpirationTime: null,
};

const camelAccount = {
  accountId: ACCOUNT_ID,
  name: 'Plaid Checking',
  officialName: 'Plaid Gold Standard 0% Interest Checking',
  mask: '0000',
  type: 'depository',
  subtype: 'checking',
  verificationStatus: 'automatically_verified',
  persistentAccountId: null,
  balances: { available: 100, current: 110, isoCurrencyCode: 'USD' },
};

const camelInstitution = {
  institutionId: institution.institution_id,
  name: institution.name,
  products: institution.products,
  countryCodes: ['US'],
  routingNumbers: institution.routing_numbers,
  oauth: false,
};

/** Every typed method of the client. */
export const methodCases: MethodCase[] = [
  {
    name: 'exchangePublicToken',
    path: '/item/public_token/exchange',
    input: { publicToken: PUBLIC_TOKEN },
    expectedBody: { public_token: PUBLIC_TOKEN },
    expectedResult: { accessToken: ACCESS_TOKEN, itemId: ITEM_ID, requestId: 'req-exchange' },
    tokenField: { field: 'publicToken', kind: 'public' },
  },
  {
    name: 'createLinkToken',
    path: '/link/token/create',
    input: {
      clientName: 'Acme Payments',
      clientUserId: 'user-42',
      products: ['auth'],
      webhook: 'https://example.com/plaid/webhook',
      redirectUri: 'https://example.com/oauth',
    },
    expectedBody: {
      client_name: 'Acme Payments',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'user-42' },
      products: ['auth'],
      webhook: 'https://example.com/plaid/webhook',
      redirect_uri: 'https://example.com/oauth',
    },
    expectedResult: {
      linkToken: 'link-sandbox-af1a0311-da53-4636-b754-dd15cc058176',
      expiration: '2026-11-24T04:00:00Z',
      requestId: 'req-link',
    },
  },
  {
    name: 'getAccounts',
    path: '/accounts/get',
    input: { accessToken: ACCESS_TOKEN, accountIds: [ACCOUNT_ID] },
    expectedBody: { access_token: ACCESS_TOKEN, options: { account_ids: [ACCOUNT_ID] } },
    expectedResult: { accounts: [camelAccount], item: camelItem, requestId: 'req-accounts' },
    tokenField: { field: 'accessToken', kind: 'access' },
  },
  {
    name: 'getAuth',
    path: '/auth/get',
    input: { accessToken: ACCESS_TOKEN },
    expectedBody: { access_token: ACCESS_TOKEN },
    expectedResult: {
      accounts: [camelAccount],
      numbers: {
        ach: [
          {
            accountId: ACCOUNT_ID,
            account: '9900009606',
            routing: '011401533',
            wireRouting: '021000021',
            isTokenizedAccountNumber: false,
          },
        ],
      },
      item: camelItem,
      requestId: 'req-auth',
    },
    tokenField: { field: 'accessToken', kind: 'access' },
  },
  {
    name: 'getItem',
    path: '/item/get',
    input: { accessToken: ACCESS_TOKEN },
    expectedBody: { access_token: ACCESS_TOKEN },
    expectedResult: { item: camelItem, requestId: 'req-item' },
    tokenField: { field: 'accessToken', kind: 'access' },
  },
  {
    name: 'removeItem',
    path: '/item/remove',
    input: { accessToken: ACCESS_TOKEN },
    expectedBody: { access_token: ACCESS_TOKEN },
    expectedResult: { requestId: 'req-remove' },
    tokenField: { field: 'accessToken', kind: 'access' },
  },
  {
    name: 'updateItemWebhook',
    path: '/item/webhook/update',
    input: { accessToken: ACCESS_TOKEN, webhook: 'https://example.com/new-hook' },
    expectedBody: { access_token: ACCESS_TOKEN, webhook: 'https://example.com/new-hook' },
    expectedResult: {
      item: { ...camelItem, webhook: 'https://example.com/new-hook' },
      requestId: 'req-webhook',
    },
    tokenField: { field: 'accessToken', kind: 'access' },
  },
  {
    name: 'getInstitutionById',
    path: '/institutions/get_by_id',
    input: { institutionId: 'ins_109512', countryCodes: ['US'] },
    expectedBody: { institution_id: 'ins_109512', country_codes: ['US'] },
    expectedResult: { institution: camelInstitution, requestId: 'req-institution' },
  },
  {
    name: 'searchInstitutions',
    path: '/institutions/search',
    input: { query: 'Houndstooth', countryCodes: ['US'], products: ['auth'] },
    expectedBody: { query: 'Houndstooth', country_codes: ['US'], products: ['auth'] },
    expectedResult: { institutions: [camelInstitution], requestId: 'req-search' },
  },
  {
    name: 'sandbox.createPublicToken',
    path: '/sandbox/public_token/create',
    input: {
      institutionId: 'ins_109508',
      initialProducts: ['auth'],
      webhook: 'https://example.com/plaid/webhook',
      overrideUsername: 'user_good',
      overridePassword: 'pass_good',
    },
    expectedBody: {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
      options: {
        webhook: 'https://example.com/plaid/webhook',
        override_username: 'user_good',
        override_password: 'pass_good',
      },
    },
    expectedResult: { publicToken: PUBLIC_TOKEN, requestId: 'req-sandbox-public' },
    sandboxOnly: true,
  },
  {
    name: 'sandbox.resetLogin',
    path: '/sandbox/item/reset_login',
    input: { accessToken: ACCESS_TOKEN },
    expectedBody: { access_token: ACCESS_TOKEN },
    expectedResult: { resetLogin: true, requestId: 'req-reset' },
    tokenField: { field: 'accessToken', kind: 'access' },
    sandboxOnly: true,
  },
  {
    name: 'sandbox.fireWebhook',
    path: '/sandbox/item/fire_webhook',
    input: { accessToken: ACCESS_TOKEN, webhookCode: 'DEFAULT_UPDATE', webhookType: 'AUTH' },
    expectedBody: { access_token: ACCESS_TOKEN, webhook_code: 'DEFAULT_UPDATE', webhook_type: 'AUTH' },
    expectedResult: { webhookFired: true, requestId: 'req-fire' },
    tokenField: { field: 'accessToken', kind: 'access' },
    sandboxOnly: true,
  },
];

/** Calls a client method by name (`sandbox.x` included) with any input. */
export function invokeMethod(
  client: PlaidClient,
  name: string,
  input: unknown,
  options?: PlaidCallOptions,
): Promise<unknown> {
  const target = name.startsWith('sandbox.') ? client.sandbox : client;
  const method = (
    target as unknown as Record<string, (input: unknown, options?: PlaidCallOptions) => Promise<unknown>>
  )[name.replace('sandbox.', '')];
  if (!method) throw new Error(`no method ${name}`);
  return method(input, options);
}

/** The 200 answer of an endpoint. */
export function okAnswer(path: string): Record<string, unknown> {
  const answer = okAnswers[path];
  if (!answer) throw new Error(`no fixture for ${path}`);
  return answer;
}

/** A sandbox client with test credentials and zero-delay retries. */
export function testClient(settings: PlaidClientSettings = {}): PlaidClient {
  return createPlaidClient({
    clientId: CLIENT_ID,
    secret: SECRET,
    ...settings,
    retry: { initialDelayMs: 0, maxDelayMs: 0, ...settings.retry },
  });
}

/** A captured request seen by nock. */
export interface CapturedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** Answers `path` once with `status`/`body` and records what was sent. */
export function interceptOnce(
  path: string,
  status: number,
  body: unknown,
  captured: CapturedRequest[] = [],
  headers: Record<string, string> = {},
  host: string = SANDBOX,
): CapturedRequest[] {
  nock(host)
    .post(path)
    .reply(function reply(uri, requestBody) {
      captured.push({ path: uri, headers: { ...this.req.headers }, body: requestBody });
      return [status, typeof body === 'string' ? body : JSON.stringify(body), headers];
    });
  return captured;
}

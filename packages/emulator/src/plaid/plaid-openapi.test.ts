import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSandboxItem, type PlaidAnswer, plaidPost } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import { PLAID_ROUTES } from './plaid-routes.js';

const plaidSpec = createOpenApiValidator('plaid');

describe('emulated Plaid answers validate against the official OpenAPI spec', () => {
  let emulator: RunningEmulator;
  const checked = new Set<string>();

  const call = async (path: string, body: unknown): Promise<PlaidAnswer> => {
    const answer = await plaidPost(emulator, path, body);
    expect(
      plaidSpec.responseErrors('post', path, answer.status, answer.body),
      `${path} ${answer.status}`,
    ).toBeUndefined();
    expect(answer.body['request_id']).toBe(answer.requestIdHeader);
    checked.add(`${path} ${answer.status === 200 ? 'ok' : 'error'}`);
    return answer;
  };

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('the helper really rejects a body that breaks the schema', () => {
    expect(
      plaidSpec.responseErrors('post', '/item/public_token/exchange', 200, {
        access_token: 1,
        request_id: 'x',
      }),
    ).toMatch(/item_id|string/);
    expect(plaidSpec.responseErrors('post', '/item/get', 400, { error_type: 'NOPE' })).toBeDefined();
    expect(
      plaidSpec.responseErrors('post', '/item/get', 200, { item: { item_id: 'x' }, request_id: 'r' }),
    ).toMatch(/webhook/);
    expect(
      plaidSpec.responseErrors('post', '/accounts/get', 200, {
        accounts: [
          {
            account_id: 'a',
            balances: {},
            mask: null,
            name: 'n',
            official_name: null,
            type: 'bank',
            subtype: null,
          },
        ],
        item: {},
        request_id: 'r',
      }),
    ).toMatch(/type|available/);
  });

  it('success answers of every endpoint', async () => {
    const webhook = 'https://example.com/plaid-hook';
    const created = await call('/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth', 'transactions'],
      options: { webhook },
    });
    const exchanged = await call('/item/public_token/exchange', {
      public_token: created.body['public_token'],
    });
    const accessToken = exchanged.body['access_token'];
    const accounts = await call('/accounts/get', { access_token: accessToken });
    const checking = (accounts.body['accounts'] as Array<Record<string, unknown>>)[0]?.['account_id'];
    await call('/accounts/get', { access_token: accessToken, options: { account_ids: [checking] } });
    await call('/auth/get', { access_token: accessToken });
    await call('/item/get', { access_token: accessToken });
    await call('/item/webhook/update', { access_token: accessToken, webhook: 'https://example.com/other' });
    await call('/sandbox/item/fire_webhook', { access_token: accessToken, webhook_code: 'DEFAULT_UPDATE' });
    await call('/item/webhook/update', { access_token: accessToken, webhook: null });
    await call('/sandbox/item/fire_webhook', {
      access_token: accessToken,
      webhook_code: 'NEW_ACCOUNTS_AVAILABLE',
    });
    await call('/item/public_token/create', { access_token: accessToken });
    await call('/link/token/create', {
      client_name: 'achbridge tests',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'user-1' },
      products: ['auth'],
      webhook,
    });
    await call('/link/token/create', {
      client_name: 'achbridge tests',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'user-1' },
      access_token: accessToken,
    });
    await call('/institutions/get', { count: 500, offset: 0, country_codes: ['US', 'CA'] });
    await call('/institutions/get', {
      count: 2,
      offset: 1,
      country_codes: ['US'],
      options: { products: ['auth'], include_optional_metadata: true, include_auth_metadata: true },
    });
    await call('/institutions/search', { query: 'platypus', country_codes: ['US'], products: ['auth'] });
    await call('/institutions/get_by_id', {
      institution_id: 'ins_43',
      country_codes: ['CA'],
      options: { include_optional_metadata: true, include_auth_metadata: true },
    });
    await call('/processor/stripe/bank_account_token/create', {
      access_token: accessToken,
      account_id: checking,
    });
    await call('/processor/token/create', {
      access_token: accessToken,
      account_id: checking,
      processor: 'dwolla',
    });
    await call('/sandbox/item/reset_login', { access_token: accessToken });
    await call('/item/get', { access_token: accessToken });
    const webhookKey = (await emulator.control.request('GET', '/__emulator/plaid/webhook_key')) as {
      key_id: string;
    };
    await call('/webhook_verification_key/get', { key_id: webhookKey.key_id });
    await call('/item/remove', { access_token: accessToken, reason_code: 'OTHER', reason_note: null });
  });

  it('Canadian Items, micro-deposit Items and error answers', async () => {
    const canadian = await linkSandboxItem(emulator, { institutionId: 'ins_43' });
    await call('/auth/get', { access_token: canadian.accessToken });
    await call('/accounts/get', { access_token: canadian.accessToken });
    const pending = await linkSandboxItem(emulator, {
      institutionId: 'ins_109512',
      password: 'microdeposits_good',
    });
    await call('/accounts/get', { access_token: pending.accessToken });
    await call('/auth/get', { access_token: pending.accessToken });
    await call('/item/public_token/exchange', {
      public_token: 'public-sandbox-00000000-0000-0000-0000-000000000000',
    });
    await call('/item/get', { access_token: 'access-production-00000000-0000-0000-0000-000000000000' });
    await call('/sandbox/public_token/create', {
      institution_id: 'ins_109508',
      initial_products: ['auth'],
      options: { override_password: 'error_ITEM_LOCKED' },
    });
    await call('/institutions/get_by_id', { institution_id: 'ins_0', country_codes: ['US'] });
    await call('/accounts/get', { access_token: canadian.accessToken, unknown: true });
    await call('/webhook_verification_key/get', { key_id: 'nope' });
    await call('/sandbox/item/fire_webhook', {
      access_token: canadian.accessToken,
      webhook_code: 'WEBHOOK_UPDATE_ACKNOWLEDGED',
    });
  });

  it('covers every implemented route, each of which is in the spec', () => {
    for (const path of PLAID_ROUTES.keys()) {
      expect(plaidSpec.paths).toContain(path);
      expect(checked.has(`${path} ok`), `${path} success checked`).toBe(true);
    }
    expect([...checked].filter((entry) => entry.endsWith('error')).length).toBeGreaterThanOrEqual(6);
  });
});

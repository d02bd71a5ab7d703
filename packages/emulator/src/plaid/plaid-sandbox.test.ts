import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

type Row = Record<string, unknown>;

describe('emulated Plaid Sandbox behaviour', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const accountsOf = async (accessToken: string) =>
    (await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).body['accounts'] as Row[];
  const events = async () => (await emulator.control.state()).plaid['webhookEvents'] as Row[];

  describe('institutions', () => {
    it('/institutions/get filters by country, products, routing number and OAuth, and pages with total', async () => {
      const ids = async (body: Row) => {
        const answer = await plaidPost(emulator, '/institutions/get', { count: 500, offset: 0, ...body });
        return {
          ids: (answer.body['institutions'] as Row[]).map((institution) => institution['institution_id']),
          total: answer.body['total'],
        };
      };
      const us = await ids({ country_codes: ['US'] });
      expect(us.ids).toEqual(
        expect.arrayContaining([
          'ins_109508',
          'ins_109509',
          'ins_109510',
          'ins_109511',
          'ins_109512',
          'ins_999001',
        ]),
      );
      expect(us.ids).not.toContain('ins_43');
      expect((await ids({ country_codes: ['CA'] })).ids).toEqual(['ins_43']);
      expect((await ids({ country_codes: ['US'], options: { products: ['auth'] } })).ids).not.toContain(
        'ins_999001',
      );
      expect((await ids({ country_codes: ['US'], options: { routing_numbers: ['011200365'] } })).ids).toEqual(
        ['ins_109512'],
      );
      expect((await ids({ country_codes: ['US'], options: { oauth: true } })).ids).toEqual(['ins_127287']);
      const page = await plaidPost(emulator, '/institutions/get', {
        count: 2,
        offset: 1,
        country_codes: ['US'],
      });
      expect(page.body['total']).toBe(us.total);
      expect(
        (page.body['institutions'] as Row[]).map((institution) => institution['institution_id']),
      ).toEqual(us.ids.slice(1, 3));
    });

    it('/institutions/search matches names case-insensitively, by country and products, at most 10', async () => {
      const search = async (body: Row) =>
        (
          (await plaidPost(emulator, '/institutions/search', { country_codes: ['US'], ...body })).body[
            'institutions'
          ] as Row[]
        ).map((institution) => institution['name']);
      expect(await search({ query: 'PLATYPUS' })).toEqual(['First Platypus Bank', 'Platypus OAuth Bank']);
      expect(await search({ query: 'tartan' })).toEqual(['Tartan Bank']);
      expect(await search({ query: 'tartan', country_codes: ['CA'] })).toEqual([
        'Tartan-Dominion Bank of Canada',
      ]);
      expect(await search({ query: 'paisley', products: ['auth'] })).toEqual([]);
      expect((await search({ query: 'a' })).length).toBeLessThanOrEqual(10);
    });

    it('/institutions/get_by_id adds optional and auth metadata on request', async () => {
      const plain = await plaidPost(emulator, '/institutions/get_by_id', {
        institution_id: 'ins_109512',
        country_codes: ['US'],
      });
      expect(plain.body['institution']).toEqual({
        institution_id: 'ins_109512',
        name: 'Houndstooth Bank',
        products: ['auth', 'balance', 'identity', 'transactions'],
        country_codes: ['US'],
        routing_numbers: ['011000138', '011200365', '011400495'],
        dtc_numbers: [],
        oauth: false,
      });
      const rich = await plaidPost(emulator, '/institutions/get_by_id', {
        institution_id: 'ins_109512',
        country_codes: ['US'],
        options: { include_optional_metadata: true, include_auth_metadata: true },
      });
      expect(rich.body['institution']).toMatchObject({
        url: 'https://www.plaid.com',
        logo: null,
        auth_metadata: {
          supported_methods: { instant_auth: true, instant_match: true, automated_micro_deposits: true },
        },
      });
    });
  });

  describe('Items and accounts', () => {
    it('gives each Item the default sandbox accounts with ids stable per Item and unique across Items', async () => {
      const first = await linkSandboxItem(emulator);
      const second = await linkSandboxItem(emulator);
      const firstAccounts = await accountsOf(first.accessToken);
      expect(
        firstAccounts.map((account) => [
          account['name'],
          account['type'],
          account['subtype'],
          account['mask'],
        ]),
      ).toEqual([
        ['Plaid Checking', 'depository', 'checking', '0000'],
        ['Plaid Saving', 'depository', 'savings', '1111'],
        ['Plaid CD', 'depository', 'cd', '2222'],
        ['Plaid Credit Card', 'credit', 'credit card', '3333'],
        ['Plaid Money Market', 'depository', 'money market', '4444'],
      ]);
      expect(firstAccounts[0]?.['balances']).toEqual({
        available: 100,
        current: 110,
        limit: null,
        iso_currency_code: 'USD',
        unofficial_currency_code: null,
      });
      expect((await accountsOf(first.accessToken)).map((account) => account['account_id'])).toEqual(
        firstAccounts.map((account) => account['account_id']),
      );
      const secondIds = (await accountsOf(second.accessToken)).map((account) => account['account_id']);
      expect(secondIds.some((id) => firstAccounts.some((account) => account['account_id'] === id))).toBe(
        false,
      );
      expect(first.itemId).not.toBe(second.itemId);
    });

    it('/accounts/get honours options.account_ids', async () => {
      const { accessToken } = await linkSandboxItem(emulator);
      const [, saving] = await accountsOf(accessToken);
      const filtered = await plaidPost(emulator, '/accounts/get', {
        access_token: accessToken,
        options: { account_ids: [saving?.['account_id']] },
      });
      expect((filtered.body['accounts'] as Row[]).map((account) => account['name'])).toEqual([
        'Plaid Saving',
      ]);
    });

    it('/auth/get returns checking and savings with ACH numbers and bills auth', async () => {
      const { accessToken } = await linkSandboxItem(emulator, { products: ['transactions'] });
      const auth = await plaidPost(emulator, '/auth/get', { access_token: accessToken });
      expect((auth.body['accounts'] as Row[]).map((account) => account['name'])).toEqual([
        'Plaid Checking',
        'Plaid Saving',
      ]);
      const numbers = auth.body['numbers'] as Record<string, Row[]>;
      expect(numbers['ach']?.map((ach) => [ach['account'], ach['routing'], ach['wire_routing']])).toEqual([
        ['1111222233330000', '011401533', '021000021'],
        ['1111222233331111', '011401533', '021000021'],
      ]);
      expect(numbers['eft']).toEqual([]);
      expect((auth.body['item'] as Row)['billed_products']).toEqual(['transactions', 'auth']);
    });

    it('Canadian Items get EFT numbers and CAD balances', async () => {
      const { accessToken } = await linkSandboxItem(emulator, { institutionId: 'ins_43' });
      const auth = await plaidPost(emulator, '/auth/get', { access_token: accessToken });
      const numbers = auth.body['numbers'] as Record<string, Row[]>;
      expect(numbers['ach']).toEqual([]);
      expect(numbers['eft']?.[0]).toMatchObject({
        account: '1111222233330000',
        institution: '021',
        branch: '01140',
      });
      expect((auth.body['accounts'] as Row[])[0]).toMatchObject({ balances: { iso_currency_code: 'CAD' } });
    });

    it('/item/get reports institution, webhook, products and no error', async () => {
      const { accessToken, itemId } = await linkSandboxItem(emulator, {
        webhook: 'https://example.com/hook',
      });
      const item = (await plaidPost(emulator, '/item/get', { access_token: accessToken })).body[
        'item'
      ] as Row;
      expect(item).toMatchObject({
        item_id: itemId,
        institution_id: 'ins_109508',
        institution_name: 'First Platypus Bank',
        webhook: 'https://example.com/hook',
        error: null,
        billed_products: ['auth'],
        auth_method: 'INSTANT_AUTH',
        update_type: 'background',
      });
      expect(item['available_products']).not.toContain('auth');
      expect(Date.parse(String(item['created_at']))).not.toBeNaN();
    });

    it('/item/public_token/create gives a token whose exchange returns the same access token', async () => {
      const { accessToken, itemId } = await linkSandboxItem(emulator);
      const created = await plaidPost(emulator, '/item/public_token/create', { access_token: accessToken });
      expect(
        Date.parse(String(created.body['expiration'])) - (await emulator.control.clock()).nowMs,
      ).toBeLessThanOrEqual(30 * 60 * 1000);
      const exchanged = await plaidPost(emulator, '/item/public_token/exchange', {
        public_token: created.body['public_token'],
      });
      expect(exchanged.body).toMatchObject({ access_token: accessToken, item_id: itemId });
    });
  });

  describe('processor tokens and the bridge', () => {
    it('btoks are registered for Stripe test mode, bound to Stripe’s test bank account', async () => {
      const { accessToken, itemId } = await linkSandboxItem(emulator);
      const [checking] = await accountsOf(accessToken);
      const answer = await plaidPost(emulator, '/processor/stripe/bank_account_token/create', {
        access_token: accessToken,
        account_id: checking?.['account_id'],
      });
      const token = String(answer.body['stripe_bank_account_token']);
      const state = await emulator.control.state();
      expect(state.bridge.stripeBankAccountTokens).toBe(1);
      const listed = (state.plaid['processorTokens'] as Row[])[0];
      expect(listed).toEqual({
        token: `…${token.slice(-4)}`,
        item_id: itemId,
        account_id: checking?.['account_id'],
        processor: 'stripe',
      });
      expect(JSON.stringify(state)).not.toContain(token);
    });

    it('processor tokens: dwolla goes to the Dwolla side; other spec processors are minted but not wired', async () => {
      const { accessToken } = await linkSandboxItem(emulator);
      const [checking, saving] = await accountsOf(accessToken);
      const dwolla = await plaidPost(emulator, '/processor/token/create', {
        access_token: accessToken,
        account_id: saving?.['account_id'],
        processor: 'dwolla',
      });
      expect(dwolla.body['processor_token']).toMatch(/^processor-sandbox-/);
      const moov = await plaidPost(emulator, '/processor/token/create', {
        access_token: accessToken,
        account_id: checking?.['account_id'],
        processor: 'moov',
      });
      expect(moov.status).toBe(200);
      const state = await emulator.control.state();
      expect(state.bridge).toEqual({ stripeBankAccountTokens: 0, dwollaProcessorTokens: 1 });
      expect((state.plaid['processorTokens'] as Row[]).map((row) => row['processor'])).toEqual([
        'dwolla',
        'moov',
      ]);
    });

    it('/item/remove revokes only that Item’s tokens', async () => {
      const kept = await linkSandboxItem(emulator);
      const removed = await linkSandboxItem(emulator);
      for (const { accessToken } of [kept, removed]) {
        const [checking] = await accountsOf(accessToken);
        await plaidPost(emulator, '/processor/stripe/bank_account_token/create', {
          access_token: accessToken,
          account_id: checking?.['account_id'],
        });
        await plaidPost(emulator, '/processor/token/create', {
          access_token: accessToken,
          account_id: checking?.['account_id'],
          processor: 'dwolla',
        });
      }
      expect((await emulator.control.state()).bridge).toEqual({
        stripeBankAccountTokens: 2,
        dwollaProcessorTokens: 2,
      });
      expect((await plaidPost(emulator, '/item/remove', { access_token: removed.accessToken })).body).toEqual(
        {
          request_id: expect.any(String),
        },
      );
      const state = await emulator.control.state();
      expect(state.bridge).toEqual({ stripeBankAccountTokens: 1, dwollaProcessorTokens: 1 });
      expect(state.plaid['removedItemIds']).toEqual([removed.itemId]);
      expect((await plaidPost(emulator, '/item/get', { access_token: kept.accessToken })).status).toBe(200);
    });
  });

  describe('webhooks (recorded for a dispatcher)', () => {
    it('records ITEM ERROR, WEBHOOK_UPDATE_ACKNOWLEDGED and LOGIN_REPAIRED with Plaid’s payload fields', async () => {
      const { accessToken, itemId } = await linkSandboxItem(emulator, {
        webhook: 'https://example.com/first',
      });
      await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
      await plaidPost(emulator, '/item/webhook/update', {
        access_token: accessToken,
        webhook: 'https://example.com/second',
      });
      await emulator.control.plaid.repairItem(itemId);
      const recorded = await events();
      expect(recorded.map((event) => [event['webhookType'], event['webhookCode'], event['url']])).toEqual([
        ['ITEM', 'ERROR', 'https://example.com/first'],
        ['ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED', 'https://example.com/second'],
        ['ITEM', 'LOGIN_REPAIRED', 'https://example.com/second'],
      ]);
      expect(recorded[0]?.['payload']).toMatchObject({
        webhook_type: 'ITEM',
        webhook_code: 'ERROR',
        item_id: itemId,
        environment: 'sandbox',
        error: { error_code: 'ITEM_LOGIN_REQUIRED', error_type: 'ITEM_ERROR', status: 400 },
      });
      expect(recorded[1]?.['payload']).toMatchObject({
        new_webhook_url: 'https://example.com/second',
        error: null,
      });
    });

    it('records nothing for Items without a webhook, and null removes the webhook', async () => {
      const { accessToken } = await linkSandboxItem(emulator, { webhook: 'https://example.com/first' });
      const updated = await plaidPost(emulator, '/item/webhook/update', {
        access_token: accessToken,
        webhook: null,
      });
      expect((updated.body['item'] as Row)['webhook']).toBeNull();
      await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken });
      expect(await events()).toEqual([]);
    });

    it('/webhook_verification_key/get serves the ES256 public key the emulator signs with', async () => {
      const { key_id: keyId } = (await emulator.control.request('GET', '/__emulator/plaid/webhook_key')) as {
        key_id: string;
      };
      const answer = await plaidPost(emulator, '/webhook_verification_key/get', { key_id: keyId });
      expect(answer.body['key']).toMatchObject({
        alg: 'ES256',
        crv: 'P-256',
        kty: 'EC',
        use: 'sig',
        kid: keyId,
        expired_at: null,
      });
      const key = answer.body['key'] as Record<string, string>;
      expect(key['x']).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(key['y']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });
  });

  describe('Link emulation control routes', () => {
    it('completes a new-Item link token into an exchangeable public token with the token’s products and webhook', async () => {
      const link = await plaidPost(emulator, '/link/token/create', {
        client_name: 'sample',
        language: 'en',
        country_codes: ['US'],
        user: { client_user_id: 'u1' },
        products: ['auth'],
        webhook: 'https://example.com/link-hook',
      });
      const completed = (await emulator.control.request(
        'POST',
        `/__emulator/plaid/link_tokens/${String(link.body['link_token'])}/complete`,
        { institution_id: 'ins_109511' },
      )) as Row;
      expect(completed['institution']).toEqual({ institution_id: 'ins_109511', name: 'Tartan Bank' });
      expect((completed['accounts'] as Row[])[0]).toMatchObject({ name: 'Plaid Checking', mask: '0000' });
      const exchanged = await plaidPost(emulator, '/item/public_token/exchange', {
        public_token: completed['public_token'],
      });
      const item = (await plaidPost(emulator, '/item/get', { access_token: exchanged.body['access_token'] }))
        .body['item'] as Row;
      expect(item).toMatchObject({
        institution_id: 'ins_109511',
        webhook: 'https://example.com/link-hook',
        billed_products: ['auth'],
      });
    });

    it('refuses expired or unknown link tokens and failing credentials', async () => {
      const link = await plaidPost(emulator, '/link/token/create', {
        client_name: 'sample',
        language: 'en',
        country_codes: ['US'],
        user: { client_user_id: 'u1' },
        products: ['auth'],
      });
      const path = `/__emulator/plaid/link_tokens/${String(link.body['link_token'])}/complete`;
      await expect(
        emulator.control.request('POST', path, { password: 'error_ITEM_LOCKED' }),
      ).rejects.toMatchObject({
        status: 400,
        code: 'ITEM_LOCKED',
      });
      await emulator.control.advanceClock(4 * 3600 * 1000);
      await expect(emulator.control.request('POST', path, {})).rejects.toMatchObject({
        code: 'link_token_expired',
      });
      await expect(
        emulator.control.request('POST', '/__emulator/plaid/link_tokens/link-sandbox-x/complete', {}),
      ).rejects.toMatchObject({
        status: 404,
      });
      await expect(emulator.control.request('POST', path, { colour: 'red' })).rejects.toMatchObject({
        field: 'colour',
      });
    });

    it('reset_login control route puts an Item into ITEM_LOGIN_REQUIRED without its access token', async () => {
      const { accessToken, itemId } = await linkSandboxItem(emulator);
      await emulator.control.request('POST', `/__emulator/plaid/items/${itemId}/reset_login`);
      expect(
        (await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).body['error_code'],
      ).toBe('ITEM_LOGIN_REQUIRED');
    });
  });
});

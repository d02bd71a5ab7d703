import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost, rawRequest } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

describe('emulated Plaid error answers', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const expectError = async (
    path: string,
    body: unknown,
    expected: { status?: number; type: string; code: string; message?: RegExp },
    headers: Record<string, string> = {},
  ) => {
    const answer = await plaidPost(emulator, path, body, headers);
    expect(answer.status).toBe(expected.status ?? 400);
    expect(answer.body).toMatchObject({ error_type: expected.type, error_code: expected.code });
    expect(answer.body['request_id']).toBe(answer.requestIdHeader);
    if (expected.message) expect(String(answer.body['error_message'])).toMatch(expected.message);
    expect(JSON.stringify(answer.body)).not.toContain(emulator.plaid.secret);
    return answer;
  };

  describe('authentication', () => {
    it('INVALID_API_KEYS for a wrong secret or client id, in headers or body', async () => {
      const invalid = {
        type: 'INVALID_INPUT',
        code: 'INVALID_API_KEYS',
        message: /invalid client_id or secret/,
      };
      await expectError(
        '/institutions/get_by_id',
        { institution_id: 'ins_109508', country_codes: ['US'] },
        invalid,
        {
          'plaid-secret': 'wrong',
        },
      );
      await expectError(
        '/institutions/get_by_id',
        { institution_id: 'ins_109508', country_codes: ['US'] },
        invalid,
        {
          'plaid-client-id': 'someone-else',
        },
      );
      await expectError(
        '/institutions/get_by_id',
        {
          client_id: emulator.plaid.clientId,
          secret: 'wrong',
          institution_id: 'ins_109508',
          country_codes: ['US'],
        },
        invalid,
        { 'plaid-client-id': '', 'plaid-secret': '' },
      );
    });

    it('accepts credentials as body fields', async () => {
      const answer = await plaidPost(
        emulator,
        '/institutions/get_by_id',
        {
          client_id: emulator.plaid.clientId,
          secret: emulator.plaid.secret,
          institution_id: 'ins_109508',
          country_codes: ['US'],
        },
        { 'plaid-client-id': '', 'plaid-secret': '' },
      );
      expect(answer.status).toBe(200);
    });

    it('MISSING_FIELDS when no credentials are sent; INVALID_FIELD when they are not strings', async () => {
      await expectError(
        '/institutions/get_by_id',
        { institution_id: 'ins_109508', country_codes: ['US'] },
        { type: 'INVALID_REQUEST', code: 'MISSING_FIELDS', message: /client_id, secret/ },
        { 'plaid-client-id': '', 'plaid-secret': '' },
      );
      await expectError(
        '/institutions/get_by_id',
        { client_id: 42, institution_id: 'ins_109508', country_codes: ['US'] },
        { type: 'INVALID_REQUEST', code: 'INVALID_FIELD', message: /client_id/ },
      );
    });
  });

  describe('request validation', () => {
    it('INVALID_BODY for non-JSON, non-object and non-JSON content types', async () => {
      for (const body of ['{"access_token":', '[1,2]', '']) {
        await expectError('/item/get', body, { type: 'INVALID_REQUEST', code: 'INVALID_BODY' });
      }
      await expectError(
        '/item/get',
        'access_token=x',
        { type: 'INVALID_REQUEST', code: 'INVALID_BODY', message: /content-type/ },
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
    });

    it('MISSING_FIELDS names every missing field, nested ones by path', async () => {
      await expectError(
        '/item/get',
        {},
        { type: 'INVALID_REQUEST', code: 'MISSING_FIELDS', message: /: access_token$/ },
      );
      await expectError(
        '/sandbox/public_token/create',
        {},
        {
          type: 'INVALID_REQUEST',
          code: 'MISSING_FIELDS',
          message: /institution_id, initial_products/,
        },
      );
      await expectError(
        '/link/token/create',
        { client_name: 'x', language: 'en', country_codes: ['US'], user: {}, products: ['auth'] },
        { type: 'INVALID_REQUEST', code: 'MISSING_FIELDS', message: /user\.client_user_id/ },
      );
      await expectError(
        '/link/token/create',
        { client_name: 'x', language: 'en', country_codes: ['US'], products: ['auth'] },
        { type: 'INVALID_REQUEST', code: 'MISSING_FIELDS', message: /user$/ },
      );
    });

    it('UNKNOWN_FIELDS names unrecognised fields, nested ones by path', async () => {
      await expectError(
        '/item/get',
        { access_token: 'access-sandbox-x', accessToken: 'x' },
        {
          type: 'INVALID_REQUEST',
          code: 'UNKNOWN_FIELDS',
          message: /: accessToken$/,
        },
      );
      await expectError(
        '/accounts/get',
        { access_token: 'access-sandbox-x', options: { account_id: 'x' } },
        {
          type: 'INVALID_REQUEST',
          code: 'UNKNOWN_FIELDS',
          message: /options\.account_id/,
        },
      );
    });

    it('INVALID_FIELD for wrong types, ranges and enum values', async () => {
      const invalid = { type: 'INVALID_REQUEST', code: 'INVALID_FIELD' };
      await expectError(
        '/item/get',
        { access_token: 5 },
        { ...invalid, message: /access_token must be a string/ },
      );
      await expectError(
        '/institutions/get',
        { count: 0, offset: 0, country_codes: ['US'] },
        { ...invalid, message: /count/ },
      );
      await expectError(
        '/institutions/get',
        { count: 1.5, offset: 0, country_codes: ['US'] },
        { ...invalid, message: /count/ },
      );
      await expectError(
        '/institutions/get',
        { count: 1, offset: 0, country_codes: ['XX'] },
        { ...invalid, message: /country_codes\[0\]/ },
      );
      await expectError(
        '/sandbox/public_token/create',
        { institution_id: 'ins_109508', initial_products: [] },
        {
          ...invalid,
          message: /initial_products/,
        },
      );
      await expectError(
        '/sandbox/public_token/create',
        { institution_id: 'ins_109508', initial_products: ['teleport'] },
        {
          ...invalid,
          message: /initial_products\[0\]/,
        },
      );
      await expectError(
        '/accounts/get',
        { access_token: 'access-sandbox-x', options: 'all' },
        { ...invalid, message: /options/ },
      );
    });

    it('unknown processors get INVALID_FIELD (Stripe has its own endpoint)', async () => {
      const { accessToken } = await linkSandboxItem(emulator);
      for (const processor of ['paypal', 'stripe']) {
        await expectError(
          '/processor/token/create',
          { access_token: accessToken, account_id: 'x', processor },
          {
            type: 'INVALID_REQUEST',
            code: 'INVALID_FIELD',
            message: /processor must be one of/,
          },
        );
      }
    });

    it('unknown routes and non-POST methods get NOT_FOUND', async () => {
      await expectError('/transactions/get', {}, { status: 404, type: 'INVALID_REQUEST', code: 'NOT_FOUND' });
      const get = await rawRequest(`${emulator.plaid.baseUrl}/item/get`);
      expect(get.status).toBe(404);
      expect(JSON.parse(get.text)).toMatchObject({ error_code: 'NOT_FOUND' });
    });
  });

  describe('tokens', () => {
    it('INVALID_PUBLIC_TOKEN: bad format, other environment, unknown, reused', async () => {
      const invalid = { type: 'INVALID_INPUT', code: 'INVALID_PUBLIC_TOKEN' };
      await expectError(
        '/item/public_token/exchange',
        { public_token: 'garbage' },
        { ...invalid, message: /expected format/ },
      );
      await expectError(
        '/item/public_token/exchange',
        { public_token: 'public-production-7c69d345-0000-4a68-8a1b-e9317406a2aa' },
        invalid,
      );
      await expectError(
        '/item/public_token/exchange',
        { public_token: 'public-sandbox-7c69d345-0000-4a68-8a1b-e9317406a2aa' },
        invalid,
      );
      const created = await plaidPost(emulator, '/sandbox/public_token/create', {
        institution_id: 'ins_109508',
        initial_products: ['auth'],
      });
      expect(
        (
          await plaidPost(emulator, '/item/public_token/exchange', {
            public_token: created.body['public_token'],
          })
        ).status,
      ).toBe(200);
      await expectError(
        '/item/public_token/exchange',
        { public_token: created.body['public_token'] },
        {
          ...invalid,
          message: /already been exchanged/,
        },
      );
    });

    it('INVALID_PUBLIC_TOKEN once 30 emulated minutes have passed', async () => {
      const created = await plaidPost(emulator, '/sandbox/public_token/create', {
        institution_id: 'ins_109508',
        initial_products: ['auth'],
      });
      await emulator.control.advanceClock(30 * 60 * 1000);
      await expectError(
        '/item/public_token/exchange',
        { public_token: created.body['public_token'] },
        {
          type: 'INVALID_INPUT',
          code: 'INVALID_PUBLIC_TOKEN',
          message: /expired/,
        },
      );
    });

    it('INVALID_ACCESS_TOKEN: unknown, other environment, malformed, removed Item', async () => {
      const invalid = { type: 'INVALID_INPUT', code: 'INVALID_ACCESS_TOKEN' };
      await expectError(
        '/accounts/get',
        { access_token: 'access-sandbox-7c69d345-0000-4a68-8a1b-e9317406a2aa' },
        {
          ...invalid,
          message: /could not find matching access token/,
        },
      );
      const { accessToken } = await linkSandboxItem(emulator);
      await expectError(
        '/accounts/get',
        { access_token: accessToken.replace('access-sandbox-', 'access-production-') },
        invalid,
      );
      await expectError(
        '/accounts/get',
        { access_token: 'not-a-token' },
        { ...invalid, message: /expected format/ },
      );
      expect((await plaidPost(emulator, '/item/remove', { access_token: accessToken })).status).toBe(200);
      await expectError('/item/get', { access_token: accessToken }, invalid);
      await expectError('/item/remove', { access_token: accessToken }, invalid);
    });

    it('INVALID_ACCOUNT_ID for unknown accounts and for accounts that cannot carry ACH', async () => {
      const { accessToken } = await linkSandboxItem(emulator);
      const invalid = { type: 'INVALID_INPUT', code: 'INVALID_ACCOUNT_ID' };
      await expectError(
        '/accounts/get',
        { access_token: accessToken, options: { account_ids: ['nope'] } },
        invalid,
      );
      await expectError(
        '/auth/get',
        { access_token: accessToken, options: { account_ids: ['nope'] } },
        invalid,
      );
      await expectError(
        '/processor/stripe/bank_account_token/create',
        { access_token: accessToken, account_id: 'nope' },
        invalid,
      );
      const accounts = (await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).body[
        'accounts'
      ] as Array<Record<string, string>>;
      const credit = accounts.find((account) => account.type === 'credit')?.account_id;
      const cd = accounts.find((account) => account.subtype === 'cd')?.account_id;
      await expectError(
        '/processor/stripe/bank_account_token/create',
        { access_token: accessToken, account_id: credit },
        {
          ...invalid,
          message: /not a checking or savings account/,
        },
      );
      await expectError(
        '/processor/token/create',
        { access_token: accessToken, account_id: cd, processor: 'dwolla' },
        invalid,
      );
      await expectError(
        '/auth/get',
        { access_token: accessToken, options: { account_ids: [credit] } },
        invalid,
      );
    });
  });

  describe('Item states', () => {
    it('ITEM_LOGIN_REQUIRED for data calls after reset_login; /item/get shows item.error; repair restores', async () => {
      const { accessToken, itemId } = await linkSandboxItem(emulator);
      const checking = (
        (await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).body['accounts'] as Array<
          Record<string, string>
        >
      )[0]?.account_id;
      expect(
        (await plaidPost(emulator, '/sandbox/item/reset_login', { access_token: accessToken })).body,
      ).toMatchObject({
        reset_login: true,
      });
      const login = { type: 'ITEM_ERROR', code: 'ITEM_LOGIN_REQUIRED', message: /update mode/ };
      await expectError('/accounts/get', { access_token: accessToken }, login);
      await expectError('/auth/get', { access_token: accessToken }, login);
      await expectError(
        '/processor/stripe/bank_account_token/create',
        { access_token: accessToken, account_id: checking },
        login,
      );
      await expectError(
        '/processor/token/create',
        { access_token: accessToken, account_id: checking, processor: 'dwolla' },
        login,
      );
      const item = await plaidPost(emulator, '/item/get', { access_token: accessToken });
      expect(item.status).toBe(200);
      expect((item.body['item'] as Record<string, unknown>)['error']).toMatchObject({
        error_type: 'ITEM_ERROR',
        error_code: 'ITEM_LOGIN_REQUIRED',
      });
      expect(
        (await plaidPost(emulator, '/item/public_token/create', { access_token: accessToken })).status,
      ).toBe(200);
      await emulator.control.plaid.repairItem(itemId);
      expect((await plaidPost(emulator, '/auth/get', { access_token: accessToken })).status).toBe(200);
    });

    it('PRODUCT_NOT_READY until automated micro-deposits verify (24 emulated hours)', async () => {
      const { accessToken } = await linkSandboxItem(emulator, {
        institutionId: 'ins_109512',
        password: 'microdeposits_good',
        webhook: 'https://example.com/hook',
      });
      const accounts = (await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).body[
        'accounts'
      ] as Array<Record<string, string>>;
      expect(accounts).toHaveLength(1);
      expect(accounts[0]).toMatchObject({
        name: 'Plaid Checking',
        verification_status: 'pending_automatic_verification',
      });
      const notReady = { type: 'ITEM_ERROR', code: 'PRODUCT_NOT_READY' };
      await expectError('/auth/get', { access_token: accessToken }, notReady);
      await expectError(
        '/processor/stripe/bank_account_token/create',
        { access_token: accessToken, account_id: accounts[0]?.account_id },
        notReady,
      );
      await emulator.control.advanceClock(24 * 3600 * 1000);
      const auth = await plaidPost(emulator, '/auth/get', { access_token: accessToken });
      expect(auth.status).toBe(200);
      expect((auth.body['accounts'] as Array<Record<string, string>>)[0]?.['verification_status']).toBe(
        'automatically_verified',
      );
      const events = (await emulator.control.state()).plaid['webhookEvents'] as Array<
        Record<string, unknown>
      >;
      expect(events.map((event) => event['webhookCode'])).toEqual(['AUTOMATICALLY_VERIFIED']);
    });

    it('PRODUCTS_NOT_SUPPORTED at an institution without Auth', async () => {
      const unsupported = { type: 'ITEM_ERROR', code: 'PRODUCTS_NOT_SUPPORTED', message: /auth/ };
      await expectError(
        '/sandbox/public_token/create',
        { institution_id: 'ins_999001', initial_products: ['auth'] },
        unsupported,
      );
      const { accessToken } = await linkSandboxItem(emulator, {
        institutionId: 'ins_999001',
        products: ['transactions'],
      });
      await expectError('/auth/get', { access_token: accessToken }, unsupported);
      const accounts = (await plaidPost(emulator, '/accounts/get', { access_token: accessToken })).body[
        'accounts'
      ] as Array<Record<string, string>>;
      await expectError(
        '/processor/token/create',
        { access_token: accessToken, account_id: accounts[0]?.account_id, processor: 'dwolla' },
        unsupported,
      );
    });
  });

  describe('Sandbox credentials', () => {
    it('error_<CODE> passwords fail /sandbox/public_token/create with that error and create no Item', async () => {
      const cases: Array<[string, string, number]> = [
        ['INVALID_CREDENTIALS', 'ITEM_ERROR', 400],
        ['ITEM_LOCKED', 'ITEM_ERROR', 400],
        ['NO_ACCOUNTS', 'ITEM_ERROR', 400],
        ['MFA_NOT_SUPPORTED', 'ITEM_ERROR', 400],
        ['INSTITUTION_DOWN', 'INSTITUTION_ERROR', 400],
        ['INSTITUTION_NOT_RESPONDING', 'INSTITUTION_ERROR', 400],
        ['INSTITUTION_NO_LONGER_SUPPORTED', 'INSTITUTION_ERROR', 400],
        ['INTERNAL_SERVER_ERROR', 'API_ERROR', 500],
      ];
      for (const [code, type, status] of cases) {
        await expectError(
          '/sandbox/public_token/create',
          {
            institution_id: 'ins_109508',
            initial_products: ['auth'],
            options: { override_password: `error_${code}` },
          },
          { status, type, code },
        );
      }
      expect((await emulator.control.state()).plaid['counts']).toMatchObject({ items: 0 });
    });

    it('wrong Sandbox credentials get INVALID_CREDENTIALS; unknown error_ codes get INVALID_FIELD', async () => {
      const create = (options: Record<string, unknown>) => ({
        institution_id: 'ins_109508',
        initial_products: ['auth'],
        options,
      });
      await expectError('/sandbox/public_token/create', create({ override_password: 'pass_bad' }), {
        type: 'ITEM_ERROR',
        code: 'INVALID_CREDENTIALS',
      });
      await expectError('/sandbox/public_token/create', create({ override_username: 'user_bad' }), {
        type: 'ITEM_ERROR',
        code: 'INVALID_CREDENTIALS',
      });
      await expectError('/sandbox/public_token/create', create({ override_password: 'error_NOT_A_CODE' }), {
        type: 'INVALID_REQUEST',
        code: 'INVALID_FIELD',
        message: /override_password/,
      });
      for (const password of ['pass_good', 'mfa_device', 'mfa_questions_1_1', 'mfa_selections']) {
        expect(
          (await plaidPost(emulator, '/sandbox/public_token/create', create({ override_password: password })))
            .status,
        ).toBe(200);
      }
    });

    it('INVALID_INSTITUTION for unknown institutions or a country mismatch', async () => {
      const invalid = { type: 'INVALID_INPUT', code: 'INVALID_INSTITUTION' };
      await expectError(
        '/sandbox/public_token/create',
        { institution_id: 'ins_0', initial_products: ['auth'] },
        invalid,
      );
      await expectError(
        '/institutions/get_by_id',
        { institution_id: 'ins_0', country_codes: ['US'] },
        invalid,
      );
      await expectError(
        '/institutions/get_by_id',
        { institution_id: 'ins_43', country_codes: ['US'] },
        invalid,
      );
    });
  });

  describe('other endpoints', () => {
    it('/link/token/create needs products unless in update mode, and balance is not a Link product', async () => {
      const base = { client_name: 'x', language: 'en', country_codes: ['US'], user: { client_user_id: 'u' } };
      await expectError('/link/token/create', base, {
        type: 'INVALID_REQUEST',
        code: 'INVALID_FIELD',
        message: /products/,
      });
      await expectError(
        '/link/token/create',
        { ...base, products: ['balance'] },
        {
          type: 'INVALID_REQUEST',
          code: 'INVALID_FIELD',
          message: /balance/,
        },
      );
      await expectError(
        '/link/token/create',
        { ...base, access_token: 'access-sandbox-unknown' },
        {
          type: 'INVALID_INPUT',
          code: 'INVALID_ACCESS_TOKEN',
        },
      );
    });

    it('/item/webhook/update rejects URLs that are not http(s)', async () => {
      const { accessToken } = await linkSandboxItem(emulator);
      await expectError(
        '/item/webhook/update',
        { access_token: accessToken, webhook: 'ftp://example.com' },
        {
          type: 'INVALID_REQUEST',
          code: 'INVALID_FIELD',
          message: /webhook/,
        },
      );
    });

    it('/webhook_verification_key/get with an unknown key id', async () => {
      await expectError(
        '/webhook_verification_key/get',
        { key_id: 'b4d0b7e0-0000-4000-8000-000000000000' },
        {
          type: 'INVALID_INPUT',
          code: 'INVALID_WEBHOOK_VERIFICATION_KEY_ID',
        },
      );
    });
  });
});

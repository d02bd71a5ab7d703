import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkingAccount,
  connectBank,
  requestJson,
  startTestServer,
} from '../../../test/sample-server.test-helpers.js';
import type { RunningSampleServer } from '../start-sample-server.js';

let server: RunningSampleServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function linkToken(): Promise<string> {
  const answer = await requestJson(server, 'POST', '/api/create_link_token');
  return answer.body['link_token'] as string;
}

describe('POST /api/create_link_token', () => {
  it('creates an auth link token whose Items report to the sample webhook', async () => {
    const answer = await requestJson(server, 'POST', '/api/create_link_token');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      link_token: expect.stringMatching(/^link-sandbox-/),
      expiration: expect.any(String),
      request_id: expect.any(String),
    });
  });
});

describe('GET /api/emulator/link/institutions', () => {
  it("lists the emulator's own US institutions (OAuth and no-Auth ones included), not a hard-coded list", async () => {
    const answer = await requestJson(server, 'GET', '/api/emulator/link/institutions');
    expect(answer.status).toBe(200);
    const institutions = answer.body['institutions'] as {
      id: string;
      oauth: boolean;
      supportsAuth: boolean;
    }[];
    const ids = institutions.map((institution) => institution.id);
    expect(ids).toEqual(expect.arrayContaining(['ins_109508', 'ins_127287', 'ins_999001']));
    // Link runs with country code US (Stripe and Dwolla ACH are US only): the Canadian ins_43 is not offered.
    expect(ids).not.toContain('ins_43');
    expect(institutions.find((institution) => institution.id === 'ins_127287')?.oauth).toBe(true);
    expect(institutions.find((institution) => institution.id === 'ins_999001')?.supportsAuth).toBe(false);
    // Whatever the emulator finds for US is offered.
    const direct = await server.providers.plaid.searchInstitutions({ query: 'a', countryCodes: ['US'] });
    expect(direct.institutions.length).toBeGreaterThan(3);
    for (const institution of direct.institutions) expect(ids).toContain(institution.institutionId);
  });

  it('a Link session on an institution outside the old hard-coded list succeeds (Platypus OAuth Bank)', async () => {
    const answer = await requestJson(server, 'POST', '/api/emulator/link/complete', {
      linkToken: await linkToken(),
      institutionId: 'ins_127287',
      username: 'user_good',
      password: 'pass_good',
    });
    expect(answer.status).toBe(200);
    expect(answer.body['institution']).toEqual({ id: 'ins_127287', name: 'Platypus OAuth Bank' });
  });
});

describe('POST /api/emulator/link/complete (the emulated Link panel)', () => {
  it("returns Link's onSuccess data: public token, institution and accounts", async () => {
    const success = await connectBank(server, { institutionId: 'ins_109509' });
    expect(success.publicToken).toMatch(/^public-sandbox-/);
    expect(success.institution).toEqual({ id: 'ins_109509', name: 'First Gingham Credit Union' });
    expect(checkingAccount(success)).toMatchObject({
      name: 'Plaid Checking',
      mask: '0000',
      type: 'depository',
    });
  });

  it.each([
    ['error_ITEM_LOCKED', 'ITEM_LOCKED', 'user_action', 'contact their bank'],
    ['error_INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'user_action', 'wrong credentials'],
    ['error_INSTITUTION_DOWN', 'INSTITUTION_DOWN', 'retryable', 'Retry later'],
  ])('simulates %s with its category and remediation', async (password, code, category, remediation) => {
    const answer = await requestJson(server, 'POST', '/api/emulator/link/complete', {
      linkToken: await linkToken(),
      username: 'user_good',
      password,
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body['error']).toMatchObject({
      code,
      category,
      type: 'PlaidApiError',
      remediation: expect.stringContaining(remediation),
    });
  });

  it('explains an institution without Auth (products not supported)', async () => {
    const answer = await requestJson(server, 'POST', '/api/emulator/link/complete', {
      linkToken: await linkToken(),
      institutionId: 'ins_999001',
      username: 'user_good',
      password: 'pass_good',
    });
    expect(answer.status).toBe(400);
    expect(answer.body['error']).toMatchObject({
      type: 'PlaidApiError',
      code: 'PRODUCTS_NOT_SUPPORTED',
      category: 'user_action',
      remediation: expect.stringContaining('Ask the user to pick another bank'),
    });
  });

  it('answers 400 for bad input, 404 for an unknown link token, never 500', async () => {
    const missing = await requestJson(server, 'POST', '/api/emulator/link/complete', {
      username: 'u',
      password: 'p',
    });
    expect(missing.status).toBe(400);
    expect(missing.body['error']).toMatchObject({ field: 'linkToken' });
    const malformed = await requestJson(server, 'POST', '/api/emulator/link/complete', '{"linkToken":');
    expect(malformed.status).toBe(400);
    expect(malformed.body['error']).toMatchObject({ code: 'INVALID_JSON' });
    const unknown = await requestJson(server, 'POST', '/api/emulator/link/complete', {
      linkToken: 'link-sandbox-00000000-0000-0000-0000-000000000000',
      username: 'user_good',
      password: 'pass_good',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body['error']).toMatchObject({ code: 'link_token_not_found' });
    const notObject = await requestJson(server, 'POST', '/api/emulator/link/complete', '[1,2]');
    expect(notObject.status).toBe(400);
  });
});

describe('POST /api/link/check_duplicate and /api/set_access_token', () => {
  it('exchanges once (quickstart route) and then reports the same account as a duplicate before exchange', async () => {
    const first = await connectBank(server, { institutionId: 'ins_109511' });
    const account = checkingAccount(first);
    const query = { institutionId: 'ins_109511', account: { name: account.name, mask: account.mask } };
    expect((await requestJson(server, 'POST', '/api/link/check_duplicate', query)).body).toEqual({
      duplicate: false,
      match: null,
    });
    const exchanged = await requestJson(server, 'POST', '/api/set_access_token', {
      public_token: first.publicToken,
      institution: first.institution,
      accounts: first.accounts,
      account_id: account.id,
    });
    expect(exchanged.status).toBe(200);
    const itemId = (exchanged.body['result'] as { item_id: string }).item_id;
    expect(exchanged.body['steps']).toEqual([
      expect.objectContaining({ id: 'duplicate', status: 'done' }),
      expect.objectContaining({
        id: 'exchange',
        status: 'done',
        calls: [
          expect.objectContaining({ endpoint: '/item/public_token/exchange', requestId: expect.any(String) }),
        ],
      }),
    ]);
    expect(JSON.stringify(exchanged.body)).not.toContain('access-sandbox');

    const check = await requestJson(server, 'POST', '/api/link/check_duplicate', query);
    expect(check.body).toMatchObject({
      duplicate: true,
      match: { itemId, accountName: 'Plaid Checking', accountMask: '0000' },
    });

    const second = await connectBank(server, { institutionId: 'ins_109511' });
    const refused = await requestJson(server, 'POST', '/api/set_access_token', {
      public_token: second.publicToken,
      institution: second.institution,
      accounts: second.accounts,
      account_id: checkingAccount(second).id,
    });
    expect(refused.status).toBe(409);
    expect(refused.body['error']).toMatchObject({ code: 'DUPLICATE_ITEM', details: { match: { itemId } } });
    const steps = refused.body['steps'] as { id: string; status: string }[];
    expect(steps.map((step) => step.status)).toEqual(['failed', 'pending']);

    const anyway = await requestJson(server, 'POST', '/api/set_access_token', {
      public_token: second.publicToken,
      institution: second.institution,
      accounts: second.accounts,
      account_id: checkingAccount(second).id,
      allow_duplicate: true,
    });
    expect(anyway.status).toBe(200);
    expect((anyway.body['result'] as { item_id: string }).item_id).not.toBe(itemId);
  });

  it('answers 400 naming the missing field', async () => {
    const noAccount = await requestJson(server, 'POST', '/api/link/check_duplicate', {
      institutionId: 'ins_1',
    });
    expect(noAccount.status).toBe(400);
    expect(noAccount.body['error']).toMatchObject({ field: 'account' });
    const noToken = await requestJson(server, 'POST', '/api/set_access_token', { account_id: 'a' });
    expect(noToken.status).toBe(400);
    expect(noToken.body['error']).toMatchObject({ field: 'public_token' });
  });
});

describe('GET /api/plaid_errors/:code', () => {
  it("describes a Plaid error code from core's catalog (used for real Link's onExit)", async () => {
    const known = await requestJson(server, 'GET', '/api/plaid_errors/ITEM_LOGIN_REQUIRED');
    expect(known.body).toMatchObject({ code: 'ITEM_LOGIN_REQUIRED', category: 'user_action' });
    const unknown = await requestJson(server, 'GET', '/api/plaid_errors/SOMETHING_NEW');
    expect(unknown.body).toMatchObject({ code: 'SOMETHING_NEW', category: 'unknown' });
    expect((await requestJson(server, 'GET', '/api/plaid_errors/not-a-code!')).status).toBe(400);
  });
});

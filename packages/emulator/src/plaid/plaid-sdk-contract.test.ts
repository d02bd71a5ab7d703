import {
  Configuration,
  CountryCode,
  PlaidApi,
  ProcessorTokenCreateRequestProcessorEnum,
  Products,
} from 'plaid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

function plaidClient(emulator: RunningEmulator, secret = emulator.plaid.secret): PlaidApi {
  return new PlaidApi(
    new Configuration({
      basePath: emulator.plaid.baseUrl,
      baseOptions: { headers: { 'PLAID-CLIENT-ID': emulator.plaid.clientId, 'PLAID-SECRET': secret } },
    }),
  );
}

async function plaidErrorOf(
  promise: Promise<unknown>,
): Promise<{ status: number | undefined; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    // The SDK rejects with an axios error; read its `response` structurally (axios is the SDK's dependency).
    const response = (error as { response?: { status: number; data: Record<string, unknown> } }).response;
    if (response === undefined) throw error;
    return { status: response.status, data: response.data };
  }
  throw new Error('expected the Plaid call to fail');
}

describe('official plaid SDK (v47) against the emulated Sandbox', () => {
  let emulator: RunningEmulator;
  let plaid: PlaidApi;
  beforeAll(async () => {
    emulator = await startEmulator();
    plaid = plaidClient(emulator);
  });
  afterAll(() => emulator.close());

  it('runs the sandbox flow: public token → exchange → accounts → auth → item → btok → processor token → remove', async () => {
    const created = await plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109508',
      initial_products: [Products.Auth],
      options: { webhook: 'https://example.com/hooks/plaid' },
    });
    expect(created.data.public_token).toMatch(/^public-sandbox-[0-9a-f-]{36}$/);
    expect(created.headers['x-request-id']).toBe(created.data.request_id);

    const exchanged = await plaid.itemPublicTokenExchange({ public_token: created.data.public_token });
    const accessToken = exchanged.data.access_token;
    expect(accessToken).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);

    const accounts = await plaid.accountsGet({ access_token: accessToken });
    expect(accounts.data.item.item_id).toBe(exchanged.data.item_id);
    const byName = Object.fromEntries(accounts.data.accounts.map((account) => [account.name, account]));
    expect(byName['Plaid Checking']).toMatchObject({ type: 'depository', subtype: 'checking', mask: '0000' });
    expect(byName['Plaid Saving']).toMatchObject({ type: 'depository', subtype: 'savings', mask: '1111' });
    expect(byName['Plaid Credit Card']).toMatchObject({ type: 'credit', mask: '3333' });
    const checking = byName['Plaid Checking']!.account_id;

    const auth = await plaid.authGet({ access_token: accessToken });
    expect(auth.data.accounts.every((account) => account.type === 'depository')).toBe(true);
    expect(auth.data.numbers.ach.find((numbers) => numbers.account_id === checking)).toMatchObject({
      routing: '011401533',
      account: '1111222233330000',
      wire_routing: '021000021',
    });

    const item = await plaid.itemGet({ access_token: accessToken });
    expect(item.data.item).toMatchObject({
      item_id: exchanged.data.item_id,
      institution_id: 'ins_109508',
      webhook: 'https://example.com/hooks/plaid',
      error: null,
    });
    expect(item.data.item.billed_products).toContain('auth');

    const btok = await plaid.processorStripeBankAccountTokenCreate({
      access_token: accessToken,
      account_id: checking,
    });
    expect(btok.data.stripe_bank_account_token).toMatch(/^btok_[A-Za-z0-9]{24}$/);

    const processor = await plaid.processorTokenCreate({
      access_token: accessToken,
      account_id: checking,
      processor: ProcessorTokenCreateRequestProcessorEnum.Dwolla,
    });
    expect(processor.data.processor_token).toMatch(/^processor-sandbox-[0-9a-f-]{36}$/);
    expect((await emulator.control.state()).bridge).toEqual({
      stripeBankAccountTokens: 1,
      dwollaProcessorTokens: 1,
    });

    await plaid.itemRemove({ access_token: accessToken });
    expect((await emulator.control.state()).bridge).toEqual({
      stripeBankAccountTokens: 0,
      dwollaProcessorTokens: 0,
    });
    const removed = await plaidErrorOf(plaid.itemGet({ access_token: accessToken }));
    expect(removed).toMatchObject({ status: 400, data: { error_code: 'INVALID_ACCESS_TOKEN' } });
  });

  it('institutions, link tokens and update mode through the SDK', async () => {
    const search = await plaid.institutionsSearch({ query: 'Houndstooth', country_codes: [CountryCode.Us] });
    expect(search.data.institutions.map((institution) => institution.institution_id)).toEqual(['ins_109512']);
    const byId = await plaid.institutionsGetById({
      institution_id: 'ins_43',
      country_codes: [CountryCode.Ca],
    });
    expect(byId.data.institution.name).toBe('Tartan-Dominion Bank of Canada');
    const all = await plaid.institutionsGet({
      count: 10,
      offset: 0,
      country_codes: [CountryCode.Us],
      options: { products: [Products.Auth] },
    });
    expect(all.data.institutions.every((institution) => institution.products.includes(Products.Auth))).toBe(
      true,
    );

    const link = await plaid.linkTokenCreate({
      client_name: 'achbridge',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'user-42' },
      products: [Products.Auth],
    });
    expect(link.data.link_token).toMatch(/^link-sandbox-/);

    const created = await plaid.sandboxPublicTokenCreate({
      institution_id: 'ins_109511',
      initial_products: [Products.Auth],
    });
    const { access_token: accessToken } = (
      await plaid.itemPublicTokenExchange({ public_token: created.data.public_token })
    ).data;
    await plaid.sandboxItemResetLogin({ access_token: accessToken });
    const locked = await plaidErrorOf(plaid.accountsGet({ access_token: accessToken }));
    expect(locked).toMatchObject({
      status: 400,
      data: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED' },
    });
    const update = await plaid.linkTokenCreate({
      client_name: 'achbridge',
      language: 'en',
      country_codes: [CountryCode.Us],
      user: { client_user_id: 'user-42' },
      access_token: accessToken,
    });
    await emulator.control.request(
      'POST',
      `/__emulator/plaid/link_tokens/${update.data.link_token}/complete`,
      {},
    );
    expect((await plaid.accountsGet({ access_token: accessToken })).data.accounts.length).toBeGreaterThan(0);
  });

  it('surfaces Plaid errors in the SDK’s error shape, and wrong keys get INVALID_API_KEYS', async () => {
    const wrongKeys = await plaidErrorOf(
      plaidClient(emulator, 'not-the-secret').institutionsGetById({
        institution_id: 'ins_109508',
        country_codes: [CountryCode.Us],
      }),
    );
    expect(wrongKeys).toMatchObject({
      status: 400,
      data: { error_type: 'INVALID_INPUT', error_code: 'INVALID_API_KEYS' },
    });
    expect(JSON.stringify(wrongKeys.data)).not.toContain('not-the-secret');
    const badToken = await plaidErrorOf(plaid.itemPublicTokenExchange({ public_token: 'nonsense' }));
    expect(badToken).toMatchObject({ status: 400, data: { error_code: 'INVALID_PUBLIC_TOKEN' } });
    expect(typeof badToken.data['request_id']).toBe('string');
  });
});

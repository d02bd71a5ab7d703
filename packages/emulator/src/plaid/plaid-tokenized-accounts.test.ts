import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost, rawRequest } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';
import { TOKENIZED_INSTITUTION_ID } from './plaid-institutions.js';

type Row = Record<string, unknown>;

// Plaid OpenAPI 2020-09-14 (`AccountBase.persistent_account_id`): "A unique and persistent identifier for
// accounts that can be used to trace multiple instances of the same account across different Items ...
// supported only for Items at institutions that use Tokenized Account Numbers (i.e., Chase, PNC, and US Bank).
// Because these accounts have a different account number each time they are linked ...". `NumbersACH.
// is_tokenized_account_number`: "Indicates whether the account number is tokenized by the institution."
describe('emulated Plaid: a bank with tokenized account numbers (TANs)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const checkingOf = async (accessToken: string) => {
    const auth = await plaidPost(emulator, '/auth/get', { access_token: accessToken });
    expect(auth.status).toBe(200);
    const accounts = auth.body['accounts'] as Row[];
    const checking = accounts.find((account) => account['subtype'] === 'checking') as Row;
    const ach = (auth.body['numbers'] as { ach: Row[] }).ach.find(
      (entry) => entry['account_id'] === checking['account_id'],
    ) as Row;
    return { checking, ach };
  };

  it('an institution search for "tokenized" finds it', async () => {
    const answer = await plaidPost(emulator, '/institutions/search', {
      query: 'tokenized',
      country_codes: ['US'],
      products: ['auth'],
    });
    expect(
      (answer.body['institutions'] as Row[]).map((institution) => institution['institution_id']),
    ).toEqual([TOKENIZED_INSTITUTION_ID]);
    expect(TOKENIZED_INSTITUTION_ID).toBe('ins_999002');
  });

  it('each new Item gets a new account number and the same persistent_account_id', async () => {
    const first = await linkSandboxItem(emulator, { institutionId: TOKENIZED_INSTITUTION_ID });
    const second = await linkSandboxItem(emulator, { institutionId: TOKENIZED_INSTITUTION_ID });
    const a = await checkingOf(first.accessToken);
    const b = await checkingOf(second.accessToken);
    expect(a.ach['is_tokenized_account_number']).toBe(true);
    expect(b.ach['is_tokenized_account_number']).toBe(true);
    expect(a.ach['account']).toMatch(/^\d{16}$/);
    expect(a.ach['account']).not.toBe(b.ach['account']);
    expect(a.checking['persistent_account_id']).toEqual(expect.any(String));
    expect(a.checking['persistent_account_id']).toBe(b.checking['persistent_account_id']);
    // The displayed mask stays; only the (tokenized) account number changes.
    expect(a.checking['mask']).toBe(b.checking['mask']);
    const accounts = (await plaidPost(emulator, '/accounts/get', { access_token: first.accessToken })).body[
      'accounts'
    ] as Row[];
    const savings = accounts.find((account) => account['subtype'] === 'savings') as Row;
    expect(savings['persistent_account_id']).not.toBe(a.checking['persistent_account_id']);
    const credit = accounts.find((account) => account['type'] === 'credit') as Row;
    expect(credit['persistent_account_id']).toBeUndefined();
  });

  it('an ordinary bank reports untokenized numbers and no persistent id', async () => {
    const item = await linkSandboxItem(emulator);
    const { checking, ach } = await checkingOf(item.accessToken);
    expect(ach['is_tokenized_account_number']).toBe(false);
    expect(checking['persistent_account_id']).toBeUndefined();
  });

  it('Stripe fingerprints of the same TAN account differ per Item (Stripe sees the tokenized number)', async () => {
    const fingerprintOf = async (accessToken: string) => {
      const { checking } = await checkingOf(accessToken);
      const minted = await plaidPost(emulator, '/processor/stripe/bank_account_token/create', {
        access_token: accessToken,
        account_id: checking['account_id'],
      });
      const token = String(minted.body['stripe_bank_account_token']);
      const answer = await rawRequest(
        `http://${emulator.stripe.host}:${emulator.stripe.port}/v1/tokens/${token}`,
        { headers: { authorization: `Bearer ${emulator.stripe.secretKey}` } },
      );
      const bank = (JSON.parse(answer.text) as { bank_account: Row }).bank_account;
      return { fingerprint: bank['fingerprint'], last4: bank['last4'] };
    };
    const tan1 = await fingerprintOf(
      (await linkSandboxItem(emulator, { institutionId: TOKENIZED_INSTITUTION_ID })).accessToken,
    );
    const tan2 = await fingerprintOf(
      (await linkSandboxItem(emulator, { institutionId: TOKENIZED_INSTITUTION_ID })).accessToken,
    );
    expect(tan1.fingerprint).not.toBe(tan2.fingerprint);
    const plain1 = await fingerprintOf((await linkSandboxItem(emulator)).accessToken);
    const plain2 = await fingerprintOf((await linkSandboxItem(emulator)).accessToken);
    expect(plain1.fingerprint).toBe(plain2.fingerprint);
  });
});

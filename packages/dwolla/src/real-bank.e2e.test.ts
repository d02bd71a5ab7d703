// Real-bank behaviour of the Dwolla `link` against the emulator: tokenized account numbers, Dwolla's
// documented ambiguous duplicate answer, and accounts Dwolla cannot debit.
import { AccountNotDebitableError, type PlaidClient } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dwollaKit, sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import { DwollaAmbiguousDuplicateError } from './ambiguous-duplicate-error.js';
import type { DwollaAdapter } from './dwolla-adapter.js';

let emulator: RunningEmulator;
let plaid: PlaidClient;
let adapter: DwollaAdapter;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.control.reset();
  ({ plaid, adapter } = dwollaKit(emulator, { dwolla: { maxRetries: 0 } }));
});

async function account(institutionId: string, subtype: string) {
  const { accessToken, accountId } = await sandboxAccount(plaid, { institutionId, subtype });
  return { accessToken, accountId };
}

async function customerId(): Promise<string> {
  return (await adapter.createCustomer({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' }))
    .id;
}

describe('Dwolla link at real banks', () => {
  // Plaid OpenAPI 2020-09-14, `AccountBase.persistent_account_id`: the same account across Items at banks with
  // tokenized account numbers, whose account number (hence Dwolla's fingerprint) changes on every link.
  it('a re-link of the same account at a TAN bank through a new Item returns the existing funding source', async () => {
    const customer = await customerId();
    const first = await adapter.link({
      ...(await account('ins_999002', 'checking')),
      customer,
      name: 'Checking',
    });
    const again = await adapter.link({
      ...(await account('ins_999002', 'checking')),
      customer,
      name: 'Checking',
    });
    expect(first.created).toBe(true);
    expect(first.fundingSource.name).toMatch(/^Checking #[0-9a-f]{8}$/);
    expect(again).toMatchObject({ created: false, fundingSource: { id: first.fundingSource.id } });
    expect(await adapter.listFundingSources(customer, { removed: false })).toHaveLength(1);
  });

  // Dwolla OpenAPI `POST /customers/{id}/funding-sources` 400 `DuplicateFundingSourceError`: "Duplicate funding
  // source or validation error. Authorization already associated to a funding source." (no id): the emulator's
  // default answer.
  it('the documented ambiguous ValidationError never resolves to another account', async () => {
    const customer = await customerId();
    const checking = await adapter.link({
      ...(await account('ins_109508', 'checking')),
      customer,
      name: 'Plaid',
    });
    // A savings account is another account: a new funding source, never the checking one.
    const savings = await adapter.link({
      ...(await account('ins_109508', 'savings')),
      customer,
      name: 'Plaid',
    });
    expect(savings.created).toBe(true);
    expect(savings.fundingSource.id).not.toBe(checking.fundingSource.id);
    expect(savings.fundingSource.bankAccountType).toBe('savings');
    // The same checking account through a new Item, under another name: Dwolla's answer names no funding source
    // and none is a checking account with that name, so link refuses instead of guessing.
    const renamed = await adapter
      .link({ ...(await account('ins_109508', 'checking')), customer, name: 'Renamed' })
      .catch((caught: unknown) => caught);
    expect(DwollaAmbiguousDuplicateError.isInstance(renamed)).toBe(true);
    expect(renamed).toMatchObject({ dwollaCode: 'ValidationError', matches: 0, bankFundingSources: 2 });
    // Under the same name it is recognised: the existing checking funding source, created: false.
    const same = await adapter.link({
      ...(await account('ins_109508', 'checking')),
      customer,
      name: 'Plaid',
    });
    expect(same).toMatchObject({ created: false, fundingSource: { id: checking.fundingSource.id } });
    expect(await adapter.listFundingSources(customer, { removed: false })).toHaveLength(2);
  });

  it.each([
    ['a Canadian bank (ins_43)', 'ins_43', 'checking', 'non_us_account'],
    ['a CD account', 'ins_109508', 'cd', 'unsupported_subtype'],
    ['a credit card', 'ins_109508', 'credit card', 'not_depository'],
  ] as const)('refuses %s before any write', async (_label, institutionId, subtype, reason) => {
    const customer = await customerId();
    const error = await adapter
      .link({ ...(await account(institutionId, subtype)), customer, name: 'Refused' })
      .catch((caught: unknown) => caught);
    expect(AccountNotDebitableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason, processor: 'dwolla' });
    expect(await adapter.listFundingSources(customer)).toHaveLength(0);
    const state = await emulator.control.state();
    // The processor token is minted side by side with the accounts read (so a fresh link is 3 round
    // trips); for a refused account it is dropped unused: at most that one, and no funding source (above).
    expect((state.plaid['counts'] as Record<string, number>)['processorTokens']).toBeLessThanOrEqual(1);
  });
});

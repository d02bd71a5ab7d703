// `bankAccountType` on the plaidToken route. Evidence: Dwolla's spec requires it next to `plaidToken`
// (test-data/dwolla-plaid-funding-source-body.json, copied from Dwolla/dwolla-openapi:
// `CreateCustomerBankFundingSourceWithPlaid.required: [plaidToken, bankAccountType, name]`), while Dwolla's docs
// table and its own Plaid example send only `name` + `plaidToken`. Sending it, from Plaid's account subtype,
// satisfies both, so `link` always sends it and refuses a caller's value that contradicts Plaid.
import { readFileSync } from 'node:fs';
import { InputValidationError, type PlaidClient } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dwollaKit, sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';
import type { DwollaAdapter } from './dwolla-adapter.js';

const specBody = JSON.parse(
  readFileSync(new URL('./test-data/dwolla-plaid-funding-source-body.json', import.meta.url), 'utf8'),
) as { properties: string[]; required: string[]; bankAccountTypeEnum: string[] };

let emulator: RunningEmulator;
let plaid: PlaidClient;
let adapter: DwollaAdapter;
let fundingSourceBodies: Record<string, unknown>[];

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  await emulator.control.reset();
  fundingSourceBodies = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (init?.method === 'POST' && /\/customers\/[^/]+\/funding-sources$/.test(url)) {
      fundingSourceBodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    }
    return fetch(input, init);
  };
  ({ plaid, adapter } = dwollaKit(emulator, { dwolla: { maxRetries: 0, fetch: recordingFetch } }));
});

async function account(subtype: string) {
  const { accessToken, accountId } = await sandboxAccount(plaid, { subtype });
  return { accessToken, accountId };
}

describe('bankAccountType on the plaidToken route', () => {
  it("link sends every field Dwolla's spec requires, with bankAccountType from Plaid's subtype", async () => {
    expect(specBody.required).toEqual(['plaidToken', 'bankAccountType', 'name']);
    const customer = (
      await adapter.createCustomer({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' })
    ).id;
    for (const subtype of ['checking', 'savings'] as const) {
      const result = await adapter.link({ ...(await account(subtype)), customer, name: `Ada ${subtype}` });
      expect(result.fundingSource.bankAccountType).toBe(subtype);
      const body = fundingSourceBodies.at(-1) ?? {};
      for (const field of specBody.required) expect(Object.keys(body), field).toContain(field);
      expect(Object.keys(body).filter((key) => !specBody.properties.includes(key))).toEqual([]);
      expect(specBody.bankAccountTypeEnum).toContain(body['bankAccountType']);
      expect(body['bankAccountType']).toBe(subtype);
      // What Dwolla stored agrees.
      expect((await adapter.getFundingSource(result.fundingSource.id)).bankAccountType).toBe(subtype);
    }
    expect(fundingSourceBodies).toHaveLength(2);
  });

  it('refuses a bankAccountType that contradicts Plaid before any Dwolla write', async () => {
    const customer = (
      await adapter.createCustomer({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada2@example.com' })
    ).id;
    const error = await adapter
      .link({ ...(await account('checking')), customer, name: 'Mislabelled', bankAccountType: 'savings' })
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error) && error.field).toBe('bankAccountType');
    expect(fundingSourceBodies).toEqual([]);
  });
});

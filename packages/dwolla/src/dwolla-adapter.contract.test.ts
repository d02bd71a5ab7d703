import { createPlaidClient, type FetchFunction } from '@achbridge/core';
import { createAdapterContractCases } from '@achbridge/core/testing';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createDwollaAdapter } from './dwolla-adapter.js';
import type { DwollaLinkInput } from './dwolla-adapter-schemas.js';
import { createDwollaClient } from './dwolla-client.js';
import type { DwollaLinkResult } from './link-account.js';

let emulator: RunningEmulator;

type ContractInput = DwollaLinkInput & { accountId: string };

const cases = createAdapterContractCases<ContractInput, DwollaLinkResult>({
  processor: 'dwolla',
  bankAccountIdOf: (result) => result.fundingSource.id,
  async setup() {
    await emulator.control.reset();
    let requests = 0;
    const countingFetch: FetchFunction = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const plaid = createPlaidClient({
      ...emulatorSettings(emulator).plaid,
      fetch: countingFetch,
    });
    const dwolla = createDwollaClient({
      ...emulatorSettings(emulator).dwolla,
      fetch: countingFetch,
      retry: { initialDelayMs: 5 },
    });
    const adapter = createDwollaAdapter({ plaid, dwolla });
    const customer = await adapter.createCustomer({
      firstName: 'Contract',
      lastName: 'Case',
      email: 'contract@example.com',
    });
    const { publicToken } = await plaid.sandbox.createPublicToken({
      institutionId: 'ins_109508',
      initialProducts: ['auth'],
    });
    const { accessToken } = await plaid.exchangePublicToken({ publicToken });
    const { accounts } = await plaid.getAccounts({ accessToken });
    const checking = accounts.find((account) => account.subtype === 'checking');
    if (!checking) throw new Error('the sandbox Item has no checking account');
    return {
      adapter,
      linkInput: {
        accessToken,
        accountId: checking.accountId,
        customer: customer.id,
        name: 'Contract Checking',
      },
      async countBankAccounts() {
        const sources = await adapter.listFundingSources(customer.id, { removed: false });
        return sources.filter((source) => source.type === 'bank').length;
      },
      countRequests: () => requests,
      async teardown() {},
    };
  },
});

describe('Dwolla adapter: core adapter contract (against the emulator)', () => {
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  for (const contractCase of cases) it(contractCase.name, contractCase.run);
});

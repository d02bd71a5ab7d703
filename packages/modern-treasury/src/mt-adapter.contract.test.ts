import { createAdapterContractCases } from '@achbridge/core/testing';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createMtHarness, linkedChecking } from '../test/mt-emulator.test-helpers.js';
import type { ModernTreasuryLinkInput } from './mt-adapter-schemas.js';
import type { ModernTreasuryLinkResult } from './mt-link.js';

let emulator: RunningEmulator;

type ContractInput = ModernTreasuryLinkInput & { accountId: string };

const cases = createAdapterContractCases<ContractInput, ModernTreasuryLinkResult>({
  processor: 'modern_treasury',
  bankAccountIdOf: (result) => result.externalAccount.id,
  async setup() {
    await emulator.control.reset();
    const { plaid, adapter, requests } = createMtHarness(emulator);
    const counterparty = await adapter.createCounterparty({
      name: 'Contract Case',
      email: 'contract@example.com',
    });
    const { accessToken, accountId } = await linkedChecking(plaid);
    return {
      adapter,
      linkInput: { accessToken, accountId, counterparty: counterparty.id, name: 'Contract Checking' },
      async countBankAccounts() {
        return (await adapter.listExternalAccounts(counterparty.id)).length;
      },
      countRequests: requests,
      async teardown() {},
    };
  },
});

describe('Modern Treasury adapter: core adapter contract (against the emulator)', () => {
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  for (const contractCase of cases) it(contractCase.name, contractCase.run);
});

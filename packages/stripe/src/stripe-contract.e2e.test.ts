import { createAdapterContractCases } from '@achbridge/core/testing';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  emulatorPlaid,
  emulatorStripe,
  sandboxAccount,
  stripeCounts,
} from '../test/emulator-harness.test-helpers.js';
import { createStripeAdapter, type StripeLinkInput, type StripeLinkResult } from './index.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const cases = createAdapterContractCases<StripeLinkInput & { accountId: string }, StripeLinkResult>({
  processor: 'stripe',
  bankAccountIdOf: (result) => result.bankAccount.id,
  async setup() {
    await emulator.control.reset();
    let requests = 0;
    const plaid = emulatorPlaid(emulator, () => {
      requests++;
    });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    // A Stripe instance (not settings) so every request it sends can be counted.
    const stripe = emulatorStripe(emulator);
    stripe.on('request', () => {
      requests++;
    });
    const adapter = createStripeAdapter({
      plaid,
      stripe,
      mode: 'test',
      apiVersion: Stripe.API_VERSION,
      retry: { maxRetries: 0 },
    });
    return {
      adapter,
      linkInput: { publicToken, accountId, customer: { email: 'contract@example.com' } },
      countBankAccounts: async () => (await stripeCounts(emulator))['bankAccounts'] ?? 0,
      countRequests: () => requests,
      async teardown() {},
    };
  },
});

describe('core adapter contract (against the emulator)', () => {
  for (const contractCase of cases) it(contractCase.name, contractCase.run);
});

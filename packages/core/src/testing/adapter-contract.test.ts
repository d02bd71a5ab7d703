import { AssertionError } from 'node:assert/strict';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LinkResult, ProcessorAdapter } from '../adapter.js';
import { ProviderError } from '../errors.js';
import { parseInput } from '../validate.js';
import { type AdapterContractOptions, createAdapterContractCases } from './adapter-contract.js';

// An in-memory adapter that honours the contract, and broken variants that each violate one rule.

interface FakeInput {
  accessToken: string;
  accountId: string;
  customer: { email: string };
}

interface FakeBehaviour {
  validates: boolean;
  dedupes: boolean;
  wrapsErrors: boolean;
  leaksToken: boolean;
}

const inputSchema = z.strictObject({
  accessToken: z.string().min(1),
  accountId: z.string().min(1),
  customer: z.strictObject({ email: z.email() }),
});

const GOOD: FakeBehaviour = { validates: true, dedupes: true, wrapsErrors: true, leaksToken: false };
const ACCOUNT = 'vzeNDwK7KQIm4yEog683uElbp9GRLEFXGK98D';

function fakeOptions(
  behaviour: FakeBehaviour,
  accessToken = 'access-sandbox-de3ce8ef-33f8-452c-a685-8671031fc0f6',
): AdapterContractOptions<FakeInput, LinkResult & { bankAccountId: string }> {
  return {
    processor: 'stripe',
    bankAccountIdOf: (result) => result.bankAccountId,
    async setup() {
      const bankAccounts = new Map<string, string>();
      let requests = 0;
      const adapter: ProcessorAdapter<FakeInput, LinkResult & { bankAccountId: string }> = {
        processor: 'stripe',
        async link(input) {
          const data = behaviour.validates ? parseInput('link', inputSchema, input) : (input as FakeInput);
          requests += 1;
          if (data?.accountId !== ACCOUNT) {
            const message = `unknown account${behaviour.leaksToken ? ` for ${data?.accessToken}` : ''}`;
            if (!behaviour.wrapsErrors) throw new Error(message);
            throw new ProviderError('INVALID_ACCOUNT_ID', message, { provider: 'plaid', status: 400 });
          }
          const existing = bankAccounts.get(data.accountId);
          if (existing && behaviour.dedupes) {
            return {
              processor: 'stripe',
              itemId: 'item-1',
              accountId: data.accountId,
              customerId: 'cus_1',
              created: false,
              bankAccountId: existing,
            };
          }
          const bankAccountId = `ba_${bankAccounts.size + 1}`;
          bankAccounts.set(`${data.accountId}${existing ? bankAccounts.size : ''}`, bankAccountId);
          return {
            processor: 'stripe',
            itemId: 'item-1',
            accountId: data.accountId,
            customerId: 'cus_1',
            created: true,
            bankAccountId,
          };
        },
      };
      return {
        adapter,
        linkInput: {
          accessToken,
          accountId: ACCOUNT,
          customer: { email: 'ada@example.com' },
        },
        countBankAccounts: async () => bankAccounts.size,
        countRequests: () => requests,
        teardown: async () => {},
      };
    },
  };
}

async function failures(behaviour: FakeBehaviour, accessToken?: string): Promise<string[]> {
  const failed: string[] = [];
  for (const c of createAdapterContractCases(fakeOptions(behaviour, accessToken))) {
    try {
      await c.run();
    } catch (error) {
      if (!(error instanceof AssertionError)) throw error;
      failed.push(c.name);
    }
  }
  return failed;
}

describe('createAdapterContractCases', () => {
  it('builds named, framework-agnostic cases', () => {
    const cases = createAdapterContractCases(fakeOptions(GOOD));
    expect(cases.length).toBe(7);
    for (const c of cases) {
      expect(c.name).toMatch(/^stripe adapter contract: /);
      expect(typeof c.run).toBe('function');
    }
  });

  for (const c of createAdapterContractCases(fakeOptions(GOOD))) {
    it(`a conforming adapter passes: ${c.name}`, c.run);
  }

  it('catches an adapter that does not validate input', async () => {
    const failed = await failures({ ...GOOD, validates: false });
    expect(failed.some((name) => name.includes('without accountId'))).toBe(true);
    expect(failed.some((name) => name.includes('wrong type'))).toBe(true);
  });

  it('catches an adapter that creates a duplicate bank account', async () => {
    const failed = await failures({ ...GOOD, dedupes: false });
    expect(failed).toEqual([
      'stripe adapter contract: linking twice returns the same customer and bank account with created: false',
    ]);
  });

  it('catches an adapter that throws plain errors', async () => {
    const failed = await failures({ ...GOOD, wrapsErrors: false });
    expect(failed).toEqual([
      'stripe adapter contract: provider failures reject with an AchBridgeError that leaks no token or secret',
    ]);
  });

  it('catches an adapter whose errors quote a credential that redaction cannot recognise', async () => {
    const failed = await failures({ ...GOOD, leaksToken: true }, 'opaque-credential-value-42');
    expect(failed).toEqual([
      'stripe adapter contract: provider failures reject with an AchBridgeError that leaks no token or secret',
    ]);
  });

  it('passes when a leaked token has Plaid token shape, because achbridge errors redact it', async () => {
    expect(await failures({ ...GOOD, leaksToken: true })).toEqual([]);
  });

  it('runs teardown even when a case fails', async () => {
    let teardowns = 0;
    const options = fakeOptions({ ...GOOD, dedupes: false });
    const setup = options.setup;
    options.setup = async () => ({ ...(await setup()), teardown: async () => void teardowns++ });
    for (const c of createAdapterContractCases(options)) await c.run().catch(() => {});
    expect(teardowns).toBe(7);
  });

  it('validates its own options', () => {
    expect(() => createAdapterContractCases({ processor: ' ', setup: async () => ({}) } as never)).toThrow(
      expect.objectContaining({ name: 'InputValidationError', field: 'processor' }),
    );
    expect(() => createAdapterContractCases({ processor: 42, setup: async () => ({}) } as never)).toThrow(
      expect.objectContaining({ name: 'InputValidationError', field: 'processor' }),
    );
  });

  it('accepts any processor name, so a new adapter needs no change to core', () => {
    const cases = createAdapterContractCases({ processor: 'acme', setup: async () => ({}) } as never);
    expect(cases.length).toBeGreaterThan(0);
  });
});

import { randomBytes } from 'node:crypto';
import type { AdapterStore } from '@achbridge/core';
import type { parseInput as ParseInput, parseResponse as ParseResponse } from '@achbridge/core/internal';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dwollaKit, sandboxAccount } from '../test/dwolla-e2e.test-helpers.js';

/** Core's `validate.ts`: every input and answer parse in core and in this package goes through it. */
interface ValidateModule {
  parseInput: typeof ParseInput;
  parseResponse: typeof ParseResponse;
}

// Core runs from its source here (not its bundle), so that the one `validate.ts` module serves every parse,
// and its two functions are wrapped to count their calls.
const { coreSource } = vi.hoisted(() => ({
  coreSource: (file: string): string => new URL(`../../core/src/${file}`, import.meta.url).pathname,
}));
vi.mock('@achbridge/core', () => import(coreSource('index.ts')));
vi.mock('@achbridge/core/internal', () => import(coreSource('internal/index.ts')));
vi.mock('../../core/src/validate.js', async (importOriginal) => {
  const actual = await importOriginal<ValidateModule>();
  return { ...actual, parseInput: vi.fn(actual.parseInput), parseResponse: vi.fn(actual.parseResponse) };
});
const validate = (await import(coreSource('validate.ts'))) as ValidateModule;

/** Every parse during a `link` is `link`'s own: its input, and its options when it takes them apart. */
function expectOnlyLinkParses(calls: readonly (readonly unknown[])[]): void {
  const operations = calls.map(([operation]) => operation);
  expect(operations.length).toBeGreaterThanOrEqual(1);
  expect(operations.length).toBeLessThanOrEqual(2);
  expect(new Set(operations)).toEqual(new Set(['link']));
}

/** Whether `value` (an input handed to parseInput) holds `text` anywhere inside it. */
function holds(value: unknown, text: string, seen = new Set<unknown>()): boolean {
  if (value === text) return true;
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((entry) => holds(entry, text, seen));
}

describe('Dwolla link: each value is parsed once per public call, and every provider answer is validated', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  const parseInput = vi.mocked(validate.parseInput);
  const parseResponse = vi.mocked(validate.parseResponse);
  beforeEach(() => {
    parseInput.mockClear();
    parseResponse.mockClear();
  });

  /** A kit whose clients count their HTTP answers, a customer, and a fresh Sandbox account. */
  async function setUp(store?: AdapterStore) {
    // A 201 Created carries no body: the client checks its Location header instead of a schema.
    const answers = { count: 0, bodies: 0 };
    const countingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      answers.count += 1;
      if (response.status !== 201) answers.bodies += 1;
      return response;
    };
    const { createPlaidClient } = await import('@achbridge/core');
    const { emulatorSettings } = await import('@achbridge/emulator');
    const plaid = createPlaidClient({ ...emulatorSettings(emulator).plaid, fetch: countingFetch });
    const kit = dwollaKit(emulator, {
      plaid,
      dwolla: { fetch: countingFetch },
      ...(store === undefined ? {} : { store }),
    });
    const customer = await kit.adapter.createCustomer({
      firstName: 'Parse',
      lastName: 'Once',
      email: `parse-once-${crypto.randomUUID()}@example.com`,
    });
    const account = await sandboxAccount(plaid);
    parseInput.mockClear();
    parseResponse.mockClear();
    answers.count = 0;
    answers.bodies = 0;
    return { ...kit, customer, account, answers };
  }

  it('link with an access token: the link input and its options are the only inputs parsed, once each', async () => {
    const { adapter, customer, account, answers } = await setUp();
    const signal = new AbortController().signal;

    const result = await adapter.link(
      {
        accessToken: account.accessToken,
        accountId: account.accountId,
        customer: customer.id,
        name: 'Checking',
      },
      { signal },
    );

    expect(result.created).toBe(true);
    expectOnlyLinkParses(parseInput.mock.calls);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, account.accessToken))).toHaveLength(1);
    // Accounts read, processor token, funding source create (+ the app token): every answer validated.
    expect(answers.count).toBeGreaterThanOrEqual(3);
    expect(parseResponse).toHaveBeenCalledTimes(answers.bodies);
  });

  it('link with a public token: the public token is parsed once, the access token it gives never', async () => {
    const { adapter, plaid, customer, account, answers } = await setUp();
    const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(account.itemId);
    parseInput.mockClear();

    const result = await adapter.link({
      publicToken,
      accountId: account.accountId,
      customer: customer.id,
      name: 'Checking',
    });

    expect(result.created).toBe(true);
    expectOnlyLinkParses(parseInput.mock.calls);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, publicToken))).toHaveLength(1);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, result.accessToken))).toHaveLength(0);
    expect(parseResponse).toHaveBeenCalledTimes(answers.bodies);

    // The public clients still validate what a user hands them.
    parseInput.mockClear();
    await plaid.getAccounts({ accessToken: result.accessToken });
    expect(parseInput.mock.calls.map(([operation]) => operation)).toEqual(['getAccounts', 'getAccounts']);
  });
  it("link through a store: the store's claims take the validated public token and link key as they are", async () => {
    const { createStore } = await import('@achbridge/store');
    const store = createStore({
      database: { memory: true },
      encryptionKeys: [{ id: 'k1', key: randomBytes(32).toString('base64') }],
      pollMs: 5,
    });
    try {
      await store.ready();
      const { adapter, customer, account, answers } = await setUp(store);
      const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(account.itemId);
      parseInput.mockClear();
      parseResponse.mockClear();
      answers.count = 0;
      answers.bodies = 0;

      const result = await adapter.link({
        publicToken,
        accountId: account.accountId,
        customer: customer.id,
        name: 'Checking',
      });

      expect(result.created).toBe(true);
      const operations = parseInput.mock.calls.map(([operation]) => operation);
      // The link input once; the store only checks what it is about to write (the exchange's and the create's
      // results), never the public token or the link key again.
      expect(operations.filter((operation) => operation === 'link').length).toBeGreaterThanOrEqual(1);
      expect(new Set(operations)).toEqual(
        new Set(['link', 'claimPublicTokenExchange.exchange result', 'claimProcessorLink.create result']),
      );
      expect(parseInput.mock.calls.filter(([, , input]) => holds(input, publicToken))).toHaveLength(1);
      // Every provider answer, plus the stored link read back.
      expect(parseResponse).toHaveBeenCalledTimes(answers.bodies + 1);

      // The store's public methods still validate what a user hands them.
      parseInput.mockClear();
      await store.claimPublicTokenExchange(publicToken, async () => ({
        accessToken: 'unused',
        itemId: 'unused',
      }));
      expect(parseInput.mock.calls.map(([operation]) => operation)).toEqual(['claimPublicTokenExchange']);
    } finally {
      await store.close();
    }
  }, 180_000);
});

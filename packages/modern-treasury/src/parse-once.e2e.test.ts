import { randomBytes } from 'node:crypto';
import type { parseInput as ParseInput, parseResponse as ParseResponse } from '@achbridge/core/internal';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMtHarness, linkedChecking } from '../test/mt-emulator.test-helpers.js';

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

describe('Modern Treasury link: each value is parsed once per public call, and every answer is validated', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  const parseInput = vi.mocked(validate.parseInput);
  const parseResponse = vi.mocked(validate.parseResponse);

  it('link with a public token: the link input and options are parsed once, the access token never', async () => {
    const { plaid, adapter, requests } = createMtHarness(emulator);
    const counterparty = await adapter.createCounterparty({ name: 'Parse Once', email: 'once@example.com' });
    const item = await linkedChecking(plaid);
    const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(item.itemId);
    parseInput.mockClear();
    parseResponse.mockClear();
    const before = requests();

    const linked = await adapter.link(
      { publicToken, accountId: item.accountId, counterparty: counterparty.id },
      { signal: new AbortController().signal },
    );

    expect(linked.created).toBe(true);
    expectOnlyLinkParses(parseInput.mock.calls);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, publicToken))).toHaveLength(1);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, item.accessToken))).toHaveLength(0);
    // Exchange, accounts read, processor token, external account create: every answer validated.
    expect(requests() - before).toBeGreaterThanOrEqual(4);
    expect(parseResponse).toHaveBeenCalledTimes(requests() - before);
  });
  it("link and createAchDebit through a store: the store's claims take the validated token and keys as they are", async () => {
    const { createStore } = await import('@achbridge/store');
    const store = createStore({
      database: { memory: true },
      encryptionKeys: [{ id: 'k1', key: randomBytes(32).toString('base64') }],
      pollMs: 5,
    });
    try {
      await store.ready();
      const { plaid, adapter } = createMtHarness(emulator, { store });
      const counterparty = await adapter.createCounterparty({
        name: 'Parse Once',
        email: 'stored@example.com',
      });
      const item = await linkedChecking(plaid);
      const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(item.itemId);
      const [internal] = await adapter.listInternalAccounts();
      parseInput.mockClear();

      const linked = await adapter.link({
        publicToken,
        accountId: item.accountId,
        counterparty: counterparty.id,
      });

      expect(linked.created).toBe(true);
      // The link input once; the store only checks what it is about to write, never the token or key again.
      expect(new Set(parseInput.mock.calls.map(([operation]) => operation))).toEqual(
        new Set(['link', 'claimPublicTokenExchange.exchange result', 'claimProcessorLink.create result']),
      );
      expect(parseInput.mock.calls.filter(([, , input]) => holds(input, publicToken))).toHaveLength(1);

      parseInput.mockClear();
      await adapter.createAchDebit({
        externalAccountId: linked.externalAccount.id,
        originatingAccountId: internal?.id ?? '',
        amount: 4200,
        idempotencyKey: 'order-parse-once',
      });
      expect(parseInput.mock.calls.map(([operation]) => operation)).toEqual([
        'createAchDebit',
        'createAchDebit',
        'claimPayment.create result',
      ]);
      expect(parseInput.mock.calls.filter(([, , input]) => holds(input, 'order-parse-once'))).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 180_000);
});

import type { parseInput as ParseInput, parseResponse as ParseResponse } from '@achbridge/core/internal';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emulatorAdapter, emulatorPlaid, sandboxAccount } from '../test/emulator-harness.test-helpers.js';

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

describe('Stripe link: each value is parsed once per public call, and every Plaid answer is validated', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });
  const parseInput = vi.mocked(validate.parseInput);
  const parseResponse = vi.mocked(validate.parseResponse);

  it('link with a public token: the link input is parsed once, the access token it gives never', async () => {
    let plaidAnswers = 0;
    const plaid = emulatorPlaid(emulator, () => {
      plaidAnswers += 1;
    });
    const adapter = emulatorAdapter(emulator, { plaid });
    const account = await sandboxAccount(emulator, plaid);
    parseInput.mockClear();
    parseResponse.mockClear();
    plaidAnswers = 0;

    const linked = await adapter.link({
      publicToken: account.publicToken,
      accountId: account.accountId,
      customer: { email: 'parse-once@example.com' },
    });

    expect(linked.created).toBe(true);
    expectOnlyLinkParses(parseInput.mock.calls);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, account.publicToken))).toHaveLength(1);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, account.accessToken))).toHaveLength(0);
    expect(plaidAnswers).toBeGreaterThanOrEqual(3);
    expect(parseResponse.mock.calls.length).toBeGreaterThanOrEqual(plaidAnswers);
  });
  it('createMandate and createAchPayment: each input is parsed once (and its options once)', async () => {
    const adapter = emulatorAdapter(emulator);
    const plaid = emulatorPlaid(emulator);
    const account = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({
      accessToken: account.accessToken,
      accountId: account.accountId,
      customer: { email: 'parse-once-payment@example.com' },
    });
    const customerId = linked.customerId;
    const bankAccountId = linked.bankAccount.id;
    const signal = new AbortController().signal;

    parseInput.mockClear();
    const mandate = await adapter.createMandate(
      {
        customerId,
        bankAccountId,
        acceptance: { type: 'online', ipAddress: '2001:db8::1', userAgent: 'curl/8' },
      },
      { signal },
    );
    expect(mandate.status).toBe('succeeded');
    expect(parseInput.mock.calls.map(([operation]) => operation)).toEqual(['createMandate', 'createMandate']);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, bankAccountId))).toHaveLength(1);

    parseInput.mockClear();
    const payment = await adapter.createAchPayment(
      {
        customerId,
        bankAccountId,
        amount: 1250,
        mandateId: mandate.mandateId,
        idempotencyKey: 'order-parse-once',
      },
      { signal },
    );
    expect(payment.amount).toBe(1250);
    expect(parseInput.mock.calls.map(([operation]) => operation)).toEqual([
      'createAchPayment',
      'createAchPayment',
    ]);
    expect(parseInput.mock.calls.filter(([, , input]) => holds(input, bankAccountId))).toHaveLength(1);
  });
});

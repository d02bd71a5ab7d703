import { InputValidationError, NetworkError, type PlaidClient } from '@achbridge/core';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emulatorAdapter,
  emulatorPlaid,
  sandboxAccount,
  stripeCounts,
} from '../test/emulator-harness.test-helpers.js';
import type { StripeAdapter } from './index.js';

let emulator: RunningEmulator;
let plaid: PlaidClient;
let adapter: StripeAdapter;
let account: { accessToken: string; accountId: string };
let bank: { customerId: string; bankAccountId: string };
let mandateId: string;

function aborted(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

/** Resolves to the error `call` rejects with (or fails the test when it resolves). */
async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('expected the call to be aborted'),
    (error: unknown) => error,
  );
}

function expectAborted(error: unknown): void {
  expect(NetworkError.isInstance(error)).toBe(true);
  expect((error as NetworkError).reason).toBe('aborted');
}

beforeAll(async () => {
  emulator = await startEmulator();
  plaid = emulatorPlaid(emulator);
  adapter = emulatorAdapter(emulator, { plaid });
  const sandbox = await sandboxAccount(emulator, plaid);
  account = { accessToken: sandbox.accessToken, accountId: sandbox.accountId };
  const linked = await adapter.link({ ...account, customer: { email: 'signal@example.com' } });
  bank = { customerId: linked.customerId, bankAccountId: linked.bankAccount.id };
  mandateId = (await adapter.createMandate({ ...bank, acceptance: { type: 'offline' } })).mandateId ?? '';
});
afterAll(async () => {
  await emulator.close();
});

describe('Stripe adapter calls take `(input, { signal })`', () => {
  const calls = (signal: { options?: AbortSignal; input?: AbortSignal }) => {
    const options = signal.options === undefined ? undefined : { signal: signal.options };
    const inInput = signal.input === undefined ? {} : { signal: signal.input };
    return {
      link: () =>
        adapter.link({ ...account, customer: { email: 'signal@example.com' }, ...inInput }, options),
      createBankAccountToken: () => adapter.createBankAccountToken({ ...account, ...inInput }, options),
      createMandate: () =>
        adapter.createMandate({ ...bank, acceptance: { type: 'offline' }, ...inInput }, options),
      createAchPayment: () =>
        adapter.createAchPayment(
          { ...bank, amount: 100, mandateId, idempotencyKey: 'signal-order', ...inInput },
          options,
        ),
    };
  };

  it.each(['link', 'createBankAccountToken', 'createMandate', 'createAchPayment'] as const)(
    '%s: an aborted signal in the second argument stops the call before any write',
    async (method) => {
      const before = await stripeCounts(emulator);
      expectAborted(await rejectionOf(calls({ options: aborted() })[method]()));
      expect(await stripeCounts(emulator)).toEqual(before);
    },
  );

  it.each(['link', 'createBankAccountToken', 'createMandate', 'createAchPayment'] as const)(
    '%s: the deprecated input.signal still aborts',
    async (method) => {
      expectAborted(await rejectionOf(calls({ input: aborted() })[method]()));
    },
  );

  it.each(['link', 'createBankAccountToken', 'createMandate', 'createAchPayment'] as const)(
    '%s: the second argument wins over input.signal when both are set',
    async (method) => {
      const live = new AbortController().signal;
      await expect(calls({ options: live, input: aborted() })[method]()).resolves.toBeDefined();
      expectAborted(await rejectionOf(calls({ options: aborted(), input: live })[method]()));
    },
  );

  it('getPayment takes the same options', async () => {
    const payment = await adapter.createAchPayment({
      ...bank,
      amount: 100,
      mandateId,
      idempotencyKey: 'signal-order',
    });
    expectAborted(await rejectionOf(adapter.getPayment(payment.paymentIntentId, { signal: aborted() })));
  });

  it('refuses a second argument that is not { signal? } with an InputValidationError naming the field', async () => {
    const bad = await rejectionOf(
      adapter.createMandate(
        { ...bank, acceptance: { type: 'offline' } },
        { signal: 'soon' as unknown as AbortSignal },
      ),
    );
    expect(InputValidationError.isInstance(bad)).toBe(true);
    expect(bad).toMatchObject({ field: 'signal' });
    const unknownKey = await rejectionOf(
      adapter.link({ ...account, customer: { email: 'signal@example.com' } }, { timeout: 5 } as unknown as {
        signal?: AbortSignal;
      }),
    );
    expect(InputValidationError.isInstance(unknownKey)).toBe(true);
  });
});

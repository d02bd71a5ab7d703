import type { RunningEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCaptureLogger } from './harness/capture-logger.js';
import { startSuiteEmulator } from './harness/credentials.js';
import { createDwollaKit, prepareDwollaFixture } from './harness/dwolla-flow.js';
import { createModernTreasuryKit, prepareModernTreasuryFixture } from './harness/modern-treasury-flow.js';
import { countResources } from './harness/resource-counts.js';
import { createSecretVault } from './harness/secret-vault.js';
import { createSetupPlaid, createStripeKit, prepareStripeFixture } from './harness/stripe-flow.js';
import { watchUnhandledRejections } from './harness/unhandled-rejections.js';

const CALLERS = 200;
/** Long enough for 200 callers queued on one local server; the fault suites use 300 ms. */
const TIMEOUT_MS = 20_000;

let emulator: RunningEmulator;
const rejections = watchUnhandledRejections();

beforeAll(async () => {
  emulator = await startSuiteEmulator();
});
beforeEach(async () => {
  await emulator.control.reset();
});
afterAll(async () => {
  await emulator.close();
  rejections.stop();
  expect(rejections.reasons).toEqual([]);
});

function kitOptions() {
  return { vault: createSecretVault(), logger: createCaptureLogger(), timeoutMs: TIMEOUT_MS, maxRetries: 4 };
}

async function state() {
  return countResources(await emulator.control.state());
}

describe(`${CALLERS} concurrent link calls for the same (item, account, customer)`, () => {
  it.each([
    { token: 'publicToken', adapters: 1, busyKeys: false },
    { token: 'accessToken', adapters: 10, busyKeys: true },
  ] as const)(
    'Stripe ($token, $adapters adapter(s), 409 on every third attach: $busyKeys): one bank account, one customer, the same id for every caller',
    async ({ token, adapters, busyKeys }) => {
      const fixture = await prepareStripeFixture(
        emulator,
        createSetupPlaid(emulator, createSecretVault()),
        'many@example.com',
      );
      const kits = Array.from({ length: adapters }, () => createStripeKit(emulator, kitOptions()));
      if (busyKeys) {
        // Stripe answers 409 while another request holds the same idempotency key; the emulator handles one
        // request at a time, so the fault plays that part.
        await emulator.control.addFault({
          method: 'POST',
          path: '/v1/customers/*/sources',
          kind: 'status',
          status: 409,
          every: 3,
        });
      }
      const results = await Promise.allSettled(
        Array.from({ length: CALLERS }, (_, index) =>
          (kits[index % adapters] ?? kits[0])?.adapter.link({
            ...(token === 'accessToken'
              ? { accessToken: fixture.accessToken }
              : { publicToken: fixture.publicToken }),
            accountId: fixture.accountId,
            customer: { email: fixture.email },
          }),
        ),
      );
      const failures = results.filter((result) => result.status === 'rejected');
      expect(failures.map((failure) => String(failure.reason))).toEqual([]);
      const ids = new Set(
        results.map((result) => (result.status === 'fulfilled' ? result.value?.bankAccount.id : '')),
      );
      const customers = new Set(
        results.map((result) => (result.status === 'fulfilled' ? result.value?.customerId : '')),
      );
      expect(ids.size).toBe(1);
      expect(customers.size).toBe(1);
      const created = results.filter(
        (result) => result.status === 'fulfilled' && result.value?.created,
      ).length;
      expect(created).toBe(1);
      const counts = await state();
      expect(counts.stripeBankAccounts).toBe(1);
      expect(counts.stripeCustomersPerEmail).toBe(1);
    },
  );

  it.each([
    { token: 'publicToken', adapters: 1 },
    { token: 'accessToken', adapters: 10 },
  ] as const)(
    'Dwolla ($token, $adapters adapter(s)): one funding source, the same id for every caller',
    async ({ token, adapters }) => {
      const fixture = await prepareDwollaFixture(
        emulator,
        createSetupPlaid(emulator, createSecretVault()),
        'many@example.com',
      );
      const kits = Array.from({ length: adapters }, () => createDwollaKit(emulator, kitOptions()));
      const first = kits[0];
      if (!first) throw new Error('no kit');
      const customer = await first.adapter.createCustomer({
        firstName: 'Many',
        lastName: 'Callers',
        email: fixture.email,
      });
      const results = await Promise.allSettled(
        Array.from({ length: CALLERS }, (_, index) =>
          (kits[index % adapters] ?? first).adapter.link({
            ...(token === 'accessToken'
              ? { accessToken: fixture.accessToken }
              : { publicToken: fixture.publicToken }),
            accountId: fixture.accountId,
            customer: customer.id,
            name: 'Concurrent checking',
          }),
        ),
      );
      const failures = results.filter((result) => result.status === 'rejected');
      expect(failures.map((failure) => String(failure.reason))).toEqual([]);
      const ids = new Set(
        results.map((result) => (result.status === 'fulfilled' ? result.value.fundingSource.id : '')),
      );
      expect(ids.size).toBe(1);
      const created = results.filter(
        (result) => result.status === 'fulfilled' && result.value.created,
      ).length;
      expect(created).toBe(1);
      expect((await state()).dwollaFundingSources).toBe(1);
    },
  );
  it.each([
    { token: 'publicToken', adapters: 1 },
    { token: 'accessToken', adapters: 10 },
  ] as const)(
    'Modern Treasury ($token, $adapters adapter(s)): one external account, the same id for every caller',
    async ({ token, adapters }) => {
      const fixture = await prepareModernTreasuryFixture(
        emulator,
        createSetupPlaid(emulator, createSecretVault()),
        'many-callers',
      );
      const kits = Array.from({ length: adapters }, () => createModernTreasuryKit(emulator, kitOptions()));
      const first = kits[0];
      if (!first) throw new Error('no kit');
      const counterparty = await first.adapter.createCounterparty({
        name: 'Many Callers',
        externalId: 'many',
      });
      const results = await Promise.allSettled(
        Array.from({ length: CALLERS }, (_, index) =>
          (kits[index % adapters] ?? first).adapter.link({
            ...(token === 'accessToken'
              ? { accessToken: fixture.accessToken }
              : { publicToken: fixture.publicToken }),
            accountId: fixture.accountId,
            counterparty: counterparty.id,
          }),
        ),
      );
      const failures = results.filter((result) => result.status === 'rejected');
      expect(failures.map((failure) => String(failure.reason))).toEqual([]);
      const ids = new Set(
        results.map((result) => (result.status === 'fulfilled' ? result.value.externalAccount.id : '')),
      );
      expect(ids.size).toBe(1);
      const created = results.filter(
        (result) => result.status === 'fulfilled' && result.value.created,
      ).length;
      expect(created).toBe(1);
      const counts = await state();
      expect(counts.mtExternalAccounts).toBe(1);
      expect(counts.mtExternalAccountsPerKey).toBe(1);
    },
  );
});

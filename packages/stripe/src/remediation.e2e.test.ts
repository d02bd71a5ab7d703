import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorAdapter, emulatorPlaid, sandboxAccount } from '../test/emulator-harness.test-helpers.js';
import { createStripeAdapter } from './index.js';
import { StripeApiError } from './stripe-errors.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

const customer = { email: 'ada@example.com' };

describe('Stripe remediation against the emulator', () => {
  it('a wrong key (HTTP 401, invalid_request_error) is reported as "the key is wrong"', async () => {
    const plaid = emulatorPlaid(emulator);
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    const adapter = createStripeAdapter({
      plaid,
      stripe: {
        secretKey: 'sk_test_notTheEmulatorsKey000000000000',
        host: emulator.stripe.host,
        port: emulator.stripe.port,
        protocol: emulator.stripe.protocol,
      },
    });
    const failure = await adapter.link({ publicToken, accountId, customer }).catch((error: unknown) => error);
    expect(StripeApiError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 401, type: 'invalid_request_error', isRetryable: false });
    expect((failure as StripeApiError).remediation).toMatch(/^The Stripe key is wrong/);
  });

  it('a payment without a mandate gets the createMandate advice', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    const linked = await adapter.link({ publicToken, accountId, customer });
    const failure = await adapter
      .createAchPayment({ customerId: linked.customerId, bankAccountId: linked.bankAccount.id, amount: 100 })
      .catch((error: unknown) => error);
    expect(StripeApiError.isInstance(failure)).toBe(true);
    expect((failure as StripeApiError).remediation).toMatch(
      /no active ACH debit mandate\. Call createMandate\(\)/,
    );
  });

  it('a 500 that outlasts the retries says it was retried, not that it "is retried"', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid, maxRetries: 2 });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers',
      kind: 'status',
      status: 500,
      times: 10,
    });
    const failure = await adapter.link({ publicToken, accountId, customer }).catch((error: unknown) => error);
    expect(StripeApiError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 500, isRetryable: true });
    expect((failure as StripeApiError).remediation).toMatch(/^Stripe answered HTTP 500 on all 3 attempts/);
    const [fault] = await emulator.control.faults();
    expect(fault?.applied).toBe(3);
  });

  it('a single 500 that a retry fixes is invisible', async () => {
    const plaid = emulatorPlaid(emulator);
    const adapter = emulatorAdapter(emulator, { plaid, maxRetries: 2 });
    const { publicToken, accountId } = await sandboxAccount(emulator, plaid);
    await emulator.control.addFault({ method: 'POST', path: '/v1/customers', kind: 'status', status: 500 });
    expect((await adapter.link({ publicToken, accountId, customer })).created).toBe(true);
  });
});

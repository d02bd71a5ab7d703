import type { RunningEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureLogger } from '../harness/capture-logger.js';
import { startSuiteEmulator } from '../harness/credentials.js';
import { createDwollaKit, prepareDwollaFixture } from '../harness/dwolla-flow.js';
import { createModernTreasuryKit, prepareModernTreasuryFixture } from '../harness/modern-treasury-flow.js';
import { createSecretVault } from '../harness/secret-vault.js';
import { createSetupPlaid, createStripeKit, prepareStripeFixture } from '../harness/stripe-flow.js';

let emulator: RunningEmulator;
const vault = createSecretVault();
const logger = createCaptureLogger();

beforeAll(async () => {
  emulator = await startSuiteEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/**
 * Every way a result leaves the app by accident: its keys, a spread copy, JSON (logs, HTTP answers), and a
 * structured clone (workers, caches) must not carry the access token, which stays readable by name.
 */
function expectTokenHidden(result: object, accessToken: string): void {
  expect((result as { accessToken?: unknown }).accessToken).toBe(accessToken);
  expect(Object.keys(result)).not.toContain('accessToken');
  expect(Object.getOwnPropertyDescriptor(result, 'accessToken')?.enumerable).toBe(false);
  expect(JSON.stringify(result)).not.toContain(accessToken);
  expect(JSON.stringify({ ...result })).not.toContain(accessToken);
  expect(JSON.stringify(structuredClone(result))).not.toContain(accessToken);
}

describe("adapters' link results never expose the access token as an enumerable field", () => {
  it('Stripe: the exchanged token is hidden; a given one is not handed back at all', async () => {
    const fixture = await prepareStripeFixture(
      emulator,
      createSetupPlaid(emulator, vault),
      'hide@example.com',
    );
    const { adapter } = createStripeKit(emulator, { vault, logger });
    const base = { accountId: fixture.accountId, customer: { email: fixture.email } };
    expectTokenHidden(await adapter.link({ ...base, publicToken: fixture.publicToken }), fixture.accessToken);
    const again = await adapter.link({ ...base, accessToken: fixture.accessToken });
    expect(JSON.stringify(again)).not.toContain(fixture.accessToken);
    expect(Object.keys(again)).not.toContain('accessToken');
  });

  it('Dwolla: hidden whether the token was exchanged or given', async () => {
    const fixture = await prepareDwollaFixture(
      emulator,
      createSetupPlaid(emulator, vault),
      'hide-dw@example.com',
    );
    const { adapter } = createDwollaKit(emulator, { vault, logger });
    const customer = await adapter.createCustomer({
      firstName: 'Hide',
      lastName: 'Token',
      email: fixture.email,
    });
    const base = { accountId: fixture.accountId, customer: customer.id, name: 'Hidden checking' };
    expectTokenHidden(await adapter.link({ ...base, publicToken: fixture.publicToken }), fixture.accessToken);
    expectTokenHidden(await adapter.link({ ...base, accessToken: fixture.accessToken }), fixture.accessToken);
  });

  it('Modern Treasury: hidden whether the token was exchanged or given', async () => {
    const fixture = await prepareModernTreasuryFixture(
      emulator,
      createSetupPlaid(emulator, vault),
      'hide-mt',
    );
    const { adapter } = createModernTreasuryKit(emulator, { vault, logger });
    const counterparty = await adapter.createCounterparty({ name: 'Hide Token', externalId: 'hide-mt' });
    const base = { accountId: fixture.accountId, counterparty: counterparty.id };
    expectTokenHidden(await adapter.link({ ...base, publicToken: fixture.publicToken }), fixture.accessToken);
    expectTokenHidden(await adapter.link({ ...base, accessToken: fixture.accessToken }), fixture.accessToken);
  });
});

import type { RunningEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCaptureLogger } from './harness/capture-logger.js';
import { startSuiteEmulator } from './harness/credentials.js';
import { createDwollaKit, prepareDwollaFixture } from './harness/dwolla-flow.js';
import { faultFired, killHard, runLinkChild, spawnLinkChild } from './harness/link-child-process.js';
import { createModernTreasuryKit, prepareModernTreasuryFixture } from './harness/modern-treasury-flow.js';
import { countResources } from './harness/resource-counts.js';
import { createSecretVault } from './harness/secret-vault.js';
import { createSetupPlaid, prepareStripeFixture } from './harness/stripe-flow.js';

/** Holds the request far longer than the test: the child is provably parked there until it is killed. */
const HOLD_MS = 60_000;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startSuiteEmulator();
});
beforeEach(async () => {
  await emulator.control.reset();
});
afterAll(async () => {
  await emulator.close();
});

async function snapshot() {
  const state = await emulator.control.state();
  return { counts: countResources(state), bridge: state.bridge };
}

/** The id of the one live bank account / funding source the emulator holds (fails when there is not exactly one). */
async function onlyLinkedId(flow: 'stripe' | 'dwolla'): Promise<string> {
  const state = await emulator.control.state();
  const rows = (flow === 'stripe' ? state.stripe['bankAccounts'] : state.dwolla['fundingSources']) as {
    id: string;
    type?: string;
    removed?: boolean;
  }[];
  const live = rows.filter((row) => flow === 'stripe' || (row.type === 'bank' && row.removed !== true));
  expect(live).toHaveLength(1);
  return live[0]?.id ?? '';
}

async function dwollaSetup() {
  const fixture = await prepareDwollaFixture(
    emulator,
    createSetupPlaid(emulator, createSecretVault()),
    'crash@example.com',
  );
  const kit = createDwollaKit(emulator, { vault: createSecretVault(), logger: createCaptureLogger() });
  const customer = await kit.adapter.createCustomer({
    firstName: 'Crash',
    lastName: 'Resume',
    email: fixture.email,
  });
  return {
    kit,
    input: {
      flow: 'dwolla' as const,
      accessToken: fixture.accessToken,
      accountId: fixture.accountId,
      customer: customer.id,
    },
    customerId: customer.id,
  };
}

async function stripeInput() {
  const fixture = await prepareStripeFixture(
    emulator,
    createSetupPlaid(emulator, createSecretVault()),
    'crash@example.com',
  );
  return {
    flow: 'stripe' as const,
    accessToken: fixture.accessToken,
    accountId: fixture.accountId,
    customer: fixture.email,
  };
}

describe('Dwolla link killed with SIGKILL mid-flow, then re-run in a new process', () => {
  it('killed after the processor token was created and before the funding source POST: the re-run makes exactly one', async () => {
    const { kit, input, customerId } = await dwollaSetup();
    // The child's Dwolla client has no bearer token yet: its first Dwolla request, right after the
    // processor token, is POST /token. Holding it parks the child between the two steps.
    const fault = await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/token',
      kind: 'delay',
      delayMs: HOLD_MS,
    });
    const child = spawnLinkChild(emulator, input);
    await faultFired(emulator, fault.id);
    await killHard(child);
    const afterKill = await snapshot();
    expect(afterKill.bridge.dwollaProcessorTokens).toBe(1);
    expect(afterKill.counts.dwollaFundingSources).toBe(0);

    const id = await runLinkChild(emulator, input);
    expect(await onlyLinkedId('dwolla')).toBe(id);
    expect((await snapshot()).counts.dwollaFundingSources).toBe(1);
    const listed = await kit.adapter.listFundingSources(customerId, { removed: false });
    expect(listed.map((source) => source.id)).toEqual([id]);
  });

  it('killed after the emulator applied the funding source POST but before any answer arrived: the re-run returns it', async () => {
    const { input } = await dwollaSetup();
    // The first POST is applied and its answer lost; the child's retry is then held until the kill.
    await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'lost_response',
    });
    const held = await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'delay',
      delayMs: HOLD_MS,
    });
    const child = spawnLinkChild(emulator, input);
    await faultFired(emulator, held.id);
    await killHard(child);
    const afterKill = await snapshot();
    expect(afterKill.counts.dwollaFundingSources).toBe(1);

    const id = await runLinkChild(emulator, input);
    expect(await onlyLinkedId('dwolla')).toBe(id);
    expect((await snapshot()).counts.dwollaFundingSources).toBe(1);
  });
});

describe('Stripe link killed with SIGKILL mid-flow, then re-run in a new process', () => {
  it('killed after the btok was minted and before the attach: the re-run attaches exactly one bank account', async () => {
    const input = await stripeInput();
    // The customer create comes right before the attach, after the btok.
    const fault = await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers',
      kind: 'delay',
      delayMs: HOLD_MS,
    });
    const child = spawnLinkChild(emulator, input);
    await faultFired(emulator, fault.id);
    await killHard(child);
    const afterKill = await snapshot();
    expect(afterKill.bridge.stripeBankAccountTokens).toBe(1);
    expect(afterKill.counts.stripeBankAccounts).toBe(0);

    const id = await runLinkChild(emulator, input);
    expect(await onlyLinkedId('stripe')).toBe(id);
    const counts = (await snapshot()).counts;
    expect(counts.stripeBankAccounts).toBe(1);
    expect(counts.stripeCustomersPerEmail).toBe(1);
  });

  it('killed while the attach is in flight after the emulator applied it (lost response): the re-run returns that account', async () => {
    const input = await stripeInput();
    await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers/*/sources',
      kind: 'lost_response',
    });
    const held = await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers/*/sources',
      kind: 'delay',
      delayMs: HOLD_MS,
    });
    const child = spawnLinkChild(emulator, input);
    await faultFired(emulator, held.id);
    await killHard(child);
    const afterKill = await snapshot();
    expect(afterKill.counts.stripeBankAccounts).toBe(1);

    const id = await runLinkChild(emulator, input);
    expect(await onlyLinkedId('stripe')).toBe(id);
    const state = await emulator.control.state();
    const accounts = state.stripe['bankAccounts'] as { id: string }[];
    expect(accounts.map((account) => account.id)).toEqual([id]);
  });
});

async function modernTreasurySetup() {
  const fixture = await prepareModernTreasuryFixture(
    emulator,
    createSetupPlaid(emulator, createSecretVault()),
    'crash-resume',
  );
  const kit = createModernTreasuryKit(emulator, {
    vault: createSecretVault(),
    logger: createCaptureLogger(),
  });
  const counterparty = await kit.adapter.createCounterparty({ name: 'Crash Resume', externalId: 'crash' });
  return {
    kit,
    counterpartyId: counterparty.id,
    input: {
      flow: 'modern_treasury' as const,
      accessToken: fixture.accessToken,
      accountId: fixture.accountId,
      customer: counterparty.id,
    },
  };
}

describe('Modern Treasury link killed with SIGKILL mid-flow, then re-run in a new process', () => {
  it('killed after the processor token was created and before the external account POST was applied: the re-run makes exactly one', async () => {
    const { kit, input, counterpartyId } = await modernTreasurySetup();
    const held = await emulator.control.addFault({
      method: 'POST',
      path: '/modern-treasury/api/external_accounts',
      kind: 'delay',
      delayMs: HOLD_MS,
    });
    const child = spawnLinkChild(emulator, input);
    await faultFired(emulator, held.id);
    await killHard(child);
    expect((await snapshot()).counts.mtExternalAccounts).toBe(0);

    const id = await runLinkChild(emulator, input);
    const counts = (await snapshot()).counts;
    expect(counts.mtExternalAccounts).toBe(1);
    const listed = await kit.adapter.listExternalAccounts(counterpartyId);
    expect(listed.map((account) => account.id)).toEqual([id]);
  });

  it('killed after the emulator applied the external account POST but before any answer arrived: the re-run returns it', async () => {
    const { kit, input, counterpartyId } = await modernTreasurySetup();
    await emulator.control.addFault({
      method: 'POST',
      path: '/modern-treasury/api/external_accounts',
      kind: 'lost_response',
    });
    const held = await emulator.control.addFault({
      method: 'POST',
      path: '/modern-treasury/api/external_accounts',
      kind: 'delay',
      delayMs: HOLD_MS,
    });
    const child = spawnLinkChild(emulator, input);
    await faultFired(emulator, held.id);
    await killHard(child);
    expect((await snapshot()).counts.mtExternalAccounts).toBe(1);

    const id = await runLinkChild(emulator, input);
    expect((await snapshot()).counts.mtExternalAccounts).toBe(1);
    const listed = await kit.adapter.listExternalAccounts(counterpartyId);
    expect(listed.map((account) => account.id)).toEqual([id]);
  });
});

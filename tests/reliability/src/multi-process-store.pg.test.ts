import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createPlaidClient, type PlaidClient } from '@achbridge/core';
import { createDwollaAdapter, createDwollaClient } from '@achbridge/dwolla';
import { emulatorSettings, type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { createStore } from '@achbridge/store';
import { createStripeAdapter } from '@achbridge/stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

/** The compiled child program (built by the vitest global setup from src/child/store-child.ts). */
const CHILD_PATH = fileURLToPath(new URL('../dist/child/store-child.js', import.meta.url));
const PROCESSES = 4;
const FORTY_EIGHT_HOURS_MS = 48 * 60 * 60 * 1000;

let emulator: RunningEmulator;
let plaid: PlaidClient;
let databaseUrl: string;
const key = randomBytes(32).toString('base64');

beforeAll(async () => {
  const url = process.env['ACHBRIDGE_TEST_DATABASE_URL'];
  if (!url) {
    throw new Error('ACHBRIDGE_TEST_DATABASE_URL is not set: run under bash scripts/with-postgres.sh');
  }
  databaseUrl = url;
  emulator = await startEmulator();
  plaid = createPlaidClient(emulatorSettings(emulator).plaid);
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  await emulator.control.reset();
});

interface ChildAnswer {
  ok: boolean;
  ids: string[];
  failures: string[];
}

/** Runs one child process to completion and returns its answer. */
function runChild(input: Record<string, unknown>): Promise<ChildAnswer> {
  const payload = {
    ...input,
    databaseUrl,
    key,
    plaid: emulator.plaid,
    stripe: { host: emulator.stripe.host, port: emulator.stripe.port, secretKey: emulator.stripe.secretKey },
    dwolla: emulator.dwolla,
  };
  const child = spawn(process.execPath, [CHILD_PATH], {
    env: { ...process.env, ACHBRIDGE_CHILD_INPUT: JSON.stringify(payload) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        const answer = JSON.parse(line) as ChildAnswer;
        if (code !== 0 || !answer.ok) reject(new Error(`child failed (exit ${code}): ${line} ${stderr}`));
        else resolve(answer);
      } catch {
        reject(new Error(`child printed no answer (exit ${code}): ${stdout} ${stderr}`));
      }
    });
  });
}

/** Runs PROCESSES children at once with the same input. */
async function runChildren(input: Record<string, unknown>): Promise<ChildAnswer[]> {
  return Promise.all(Array.from({ length: PROCESSES }, () => runChild(input)));
}

async function sandboxItem(): Promise<{ publicToken: string; accessToken: string; accountId: string }> {
  const { publicToken: first } = await plaid.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: first });
  const { accounts } = await plaid.getAccounts({ accessToken });
  const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId ?? '';
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
  return { publicToken, accessToken, accountId };
}

async function stripeCount(name: string): Promise<number> {
  const state = await emulator.control.state();
  return Number((state.stripe['counts'] as Record<string, number> | undefined)?.[name] ?? 0);
}

describe('many processes sharing one PostgreSQL store', () => {
  it(`${PROCESSES} processes × 50 concurrent links with lost responses and 429s: one bank account`, async () => {
    const { accessToken, accountId } = await sandboxItem();
    await emulator.control.addFault({
      method: 'POST',
      path: '/v1/customers/*/sources',
      kind: 'lost_response',
      every: 3,
    });
    await emulator.control.addFault({
      method: 'POST',
      path: '/plaid/processor/stripe/bank_account_token/create',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 0,
      every: 4,
    });
    const answers = await runChildren({
      action: 'link',
      count: 50,
      schema: `mp_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      link: { accessToken, accountId, email: 'many-processes@example.com' },
    });
    expect(answers.flatMap((answer) => answer.failures)).toEqual([]);
    const ids = new Set(answers.flatMap((answer) => answer.ids));
    expect(answers.flatMap((answer) => answer.ids)).toHaveLength(PROCESSES * 50);
    expect(ids.size).toBe(1);
    expect(await stripeCount('bankAccounts')).toBe(1);
  });

  it(`${PROCESSES} processes × 50 concurrent Dwolla links with lost responses and 429s: one funding source`, async () => {
    const { accessToken, accountId } = await sandboxItem();
    const dwolla = createDwollaAdapter({
      plaid,
      dwolla: createDwollaClient(emulatorSettings(emulator).dwolla),
    });
    const customer = await dwolla.createCustomer({
      firstName: 'Many',
      lastName: 'Processes',
      email: `dwolla-${randomUUID()}@example.com`,
    });
    // Only the process holding the claim calls the providers, so the faults hit its first calls.
    const lost = await emulator.control.addFault({
      method: 'POST',
      path: '/dwolla/customers/*/funding-sources',
      kind: 'lost_response',
      times: 2,
    });
    const throttled = await emulator.control.addFault({
      method: 'POST',
      path: '/plaid/processor/token/create',
      kind: 'status',
      status: 429,
      retryAfterSeconds: 0,
      times: 2,
    });
    const answers = await runChildren({
      action: 'dwolla-link',
      count: 50,
      schema: `mp_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      dwollaLink: { accessToken, accountId, customerId: customer.id },
    });
    expect(answers.flatMap((answer) => answer.failures)).toEqual([]);
    expect(answers.flatMap((answer) => answer.ids)).toHaveLength(PROCESSES * 50);
    expect(new Set(answers.flatMap((answer) => answer.ids)).size).toBe(1);
    // A rule that has fired its `times` is removed: both faults really hit the flow twice.
    const left = (await emulator.control.faults()).map((rule) => rule.id);
    expect(left).not.toContain(lost.id);
    expect(left).not.toContain(throttled.id);
    const state = await emulator.control.state();
    const sources = (
      state.dwolla['fundingSources'] as Array<{ customer: string; removed: boolean; type: string }>
    ).filter((source) => !source.removed && source.type === 'bank');
    expect(sources).toHaveLength(1);
  });

  it('a webhook delivered 20 times at once to 3 processes: its handler runs once, to completion', async () => {
    const schema = `mp_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const store = createStore({
      database: { url: databaseUrl },
      schema,
      encryptionKeys: [{ id: 'k1', key }],
    });
    try {
      await store.ready();
      const client = await store.client();
      await client.query(
        `CREATE TABLE ${schema}.handler_runs (pid integer NOT NULL, finished boolean NOT NULL DEFAULT false)`,
      );
      const webhookBody = JSON.stringify({
        environment: 'sandbox',
        webhook_type: 'TRANSACTIONS',
        webhook_code: 'SYNC_UPDATES_AVAILABLE',
        item_id: `item-${randomUUID()}`,
        initial_update_complete: true,
        historical_update_complete: false,
      });
      // 7 + 7 + 6 = 20 concurrent deliveries of the same body across 3 OS processes.
      const answers = await Promise.all(
        [7, 7, 6].map((count) => runChild({ action: 'webhook', count, schema, webhookBody })),
      );
      expect(answers.flatMap((answer) => answer.failures)).toEqual([]);
      const results = answers.flatMap((answer) => answer.ids);
      expect(results).toHaveLength(20);
      expect(new Set(results.map((result) => result.split(':')[0])).size).toBe(1);
      const runs = await client.query<{ pid: number; finished: boolean }>(
        `SELECT pid, finished FROM ${schema}.handler_runs`,
      );
      expect(runs).toHaveLength(1);
      expect(runs[0]?.finished).toBe(true);
      const inbox = await client.query<{ state: string; attempts: number }>(
        `SELECT state, attempts FROM ${schema}.webhook_inbox`,
      );
      expect(inbox).toEqual([{ state: 'done', attempts: 1 }]);
    } finally {
      await store.close();
    }
  });

  it(`${PROCESSES} processes handed the same public token: one exchange, every process gets the account`, async () => {
    const { publicToken, accountId } = await sandboxItem();
    const answers = await runChildren({
      action: 'link',
      count: 5,
      schema: `mp_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      link: { publicToken, accountId, email: 'one-token@example.com' },
    });
    // A public token is single use: a second exchange anywhere would fail with INVALID_PUBLIC_TOKEN.
    expect(answers.flatMap((answer) => answer.failures)).toEqual([]);
    expect(new Set(answers.flatMap((answer) => answer.ids)).size).toBe(1);
    expect(await stripeCount('bankAccounts')).toBe(1);
  });

  it(`the same payment key from ${PROCESSES} processes, and again 48 h later: one PaymentIntent`, async () => {
    const { accessToken, accountId } = await sandboxItem();
    const adapter = createStripeAdapter({
      plaid,
      stripe: {
        secretKey: emulator.stripe.secretKey,
        host: emulator.stripe.host,
        port: emulator.stripe.port,
        protocol: 'http',
      },
    });
    const linked = await adapter.link({ accessToken, accountId, customer: { email: 'payer@example.com' } });
    const { mandateId } = await adapter.createMandate({
      customerId: linked.customerId,
      bankAccountId: linked.bankAccount.id,
      acceptance: { type: 'online', ipAddress: '203.0.113.9', userAgent: 'multi-process test' },
    });
    const input = {
      action: 'pay',
      count: 10,
      schema: `mp_${randomUUID().replaceAll('-', '').slice(0, 16)}`,
      payment: {
        customerId: linked.customerId,
        bankAccountId: linked.bankAccount.id,
        mandateId,
        amount: 3100,
        idempotencyKey: `order-${randomUUID()}`,
      },
    };
    const first = await runChildren(input);
    expect(first.flatMap((answer) => answer.failures)).toEqual([]);
    const ids = new Set(first.flatMap((answer) => answer.ids));
    expect(ids.size).toBe(1);
    await emulator.control.advanceClock(FORTY_EIGHT_HOURS_MS);
    const later = await runChildren(input);
    expect(later.flatMap((answer) => answer.failures)).toEqual([]);
    expect(new Set(later.flatMap((answer) => answer.ids))).toEqual(ids);
    expect(await stripeCount('paymentIntents')).toBe(1);
  });
});

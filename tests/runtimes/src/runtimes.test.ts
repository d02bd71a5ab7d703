import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryPath, quietEnvironment, WORKSPACE_DIRECTORY } from './harness/binaries.js';
import { bundleWorker } from './harness/bundle-worker.js';
import { lastJsonLine, runProcess } from './harness/run-process.js';
import { asReport, scenarioConfig, secretsOf } from './harness/scenario-config.js';
import { startWorkerd } from './harness/workerd.js';
import type { ScenarioConfig, ScenarioReport } from './scenario/scenario.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

/** The checks every runtime must pass, the same for all. */
function expectScenarioPassed(report: ScenarioReport, runtime: RegExp, config: ScenarioConfig): void {
  expect(report.runtime).toMatch(runtime);
  expect(report.stripe).toEqual({
    firstCreated: true,
    rerunCreated: false,
    sameBankAccount: true,
    mandateStatus: 'succeeded',
    paymentStatus: 'processing',
    paymentAmount: 1099,
  });
  expect(report.dwolla).toEqual({
    firstCreated: true,
    rerunCreated: false,
    sameFundingSource: true,
    status: 'verified',
  });
  expect(report.modernTreasury).toMatchObject({
    firstCreated: true,
    rerunCreated: false,
    sameExternalAccount: true,
    verificationStatus: 'verified',
    paymentOrderAmount: 1099,
    samePaymentOrderOnRetry: true,
    error: { name: 'ModernTreasuryApiError', status: 401, isApiError: true },
  });
  expect(report.modernTreasury.paymentOrderStatus).toMatch(/^(approved|pending|processing)$/);
  expect(report.modernTreasury.error.views.length).toBeGreaterThanOrEqual(4);
  for (const view of report.modernTreasury.error.views) {
    expect(view.length).toBeGreaterThan(0);
    for (const secret of secretsOf(config)) expect(view).not.toContain(secret);
  }
  expect(report.webhook).toEqual({ kind: 'ITEM.LOGIN_REPAIRED', itemMatches: true, refused: 0 });
  expect(report.stripeWebhook).toEqual({
    type: 'payment_intent.processing',
    idMatches: true,
    tampered: 'bad_signature',
    wrongSecret: 'bad_signature',
  });
  expect(report.defaultHosts).toEqual({
    dwolla: 'https://api-sandbox.dwolla.com',
    plaid: 'https://sandbox.plaid.com',
  });
  expect(report.error).toMatchObject({
    name: 'PlaidApiError',
    code: 'INVALID_API_KEYS',
    isAchBridgeError: true,
  });
  expect(report.error.views.length).toBeGreaterThanOrEqual(4);
  for (const view of report.error.views) {
    expect(view.length).toBeGreaterThan(0);
    for (const secret of secretsOf(config)) expect(view).not.toContain(secret);
  }
}

describe('the Stripe, Dwolla and Modern Treasury flows, signed Plaid and Stripe webhooks and a typed error on each runtime', () => {
  it('workerd (Cloudflare Workers), no Node compatibility flag', async () => {
    const bundle = await bundleWorker(join(WORKSPACE_DIRECTORY, 'src', 'scenario', 'worker.ts'));
    const workerd = await startWorkerd(bundle.code);
    try {
      const config = scenarioConfig(emulator, `workerd-${Date.now()}`);
      const answer = await fetch(`${workerd.url}/run`, {
        method: 'POST',
        body: JSON.stringify({ ...config, selfUrl: workerd.url }),
      });
      const body = (await answer.json()) as unknown;
      if (answer.status !== 200)
        throw new Error(`the Worker failed: ${JSON.stringify(body)}\n${workerd.output()}`);
      expectScenarioPassed(asReport(body), /^Cloudflare-Workers$/, config);
    } finally {
      await workerd.stop();
    }
  });

  it('Deno, with network access to 127.0.0.1 only', async () => {
    const config = scenarioConfig(emulator, `deno-${Date.now()}`);
    const result = await runProcess(
      binaryPath('deno'),
      [
        'run',
        '--no-lock',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        'src/scenario/deno-main.ts',
        JSON.stringify(config),
      ],
      { cwd: WORKSPACE_DIRECTORY, env: quietEnvironment(), timeoutMs: 90_000 },
    );
    expectScenarioPassed(asReport(lastJsonLine(result, 'deno')), /^Deno\//, config);
  });

  it('Bun', async () => {
    const config = scenarioConfig(emulator, `bun-${Date.now()}`);
    const result = await runProcess(binaryPath('bun'), ['src/scenario/bun-main.ts', JSON.stringify(config)], {
      cwd: WORKSPACE_DIRECTORY,
      env: quietEnvironment(),
      timeoutMs: 90_000,
    });
    expectScenarioPassed(asReport(lastJsonLine(result, 'bun')), /^Bun\//, config);
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, openSample, REPO_ROOT, waitForText } from '../../test/browser.test-helpers.js';
import { decodePng, encodePalettePng } from '../../test/palette-png.test-helpers.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await openSample();
});
afterAll(() => harness?.close());

describe('Stripe flow (browser)', () => {
  it('links a bank, shows each step with request ids and progress, settles the $1.00 payment, and re-runs as already linked', async () => {
    const { page, server } = harness;
    // Start from the auth-support check: its Connect button opens Link on that institution.
    const search = page.getByRole('search', { name: 'Institution auth-support check' });
    await search.getByLabel('Institution name').fill('platypus');
    await search.getByRole('button', { name: 'Check support' }).click();
    await page.getByRole('button', { name: 'Connect First Platypus Bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
    expect(await dialog.getByLabel('Institution').inputValue()).toBe('ins_109508');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('radio', { name: /Plaid Checking/ }).check();
    await dialog.getByRole('button', { name: 'Link account' }).click();
    expect(await waitForText(page.locator('#connected'), 'Connected:')).toContain(
      'First Platypus Bank · Plaid Checking ••0000',
    );

    // Hold the payment request for a moment so the in-progress state can be observed (spinner, earlier ticks).
    await server.providers.emulator?.control.addFault({
      method: 'POST',
      path: '/v1/payment_intents',
      kind: 'delay',
      delayMs: 2000,
    });
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    const steps = page.getByRole('list', { name: 'Stripe flow steps' });
    await steps.locator('li[data-step="payment"][data-status="running"]').waitFor();
    expect(await steps.getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('button', { name: 'Run Stripe flow' }).isDisabled()).toBe(true);
    for (const id of ['duplicate', 'exchange', 'btok', 'customer', 'mandate']) {
      expect(await steps.locator(`li[data-step="${id}"]`).getAttribute('data-status')).toBe('done');
    }
    await harness.screenshot('stripe-flow-in-progress');

    const summary = page.locator('#stripe-summary');
    const linked = await waitForText(summary, /Payment pi_\S+: processing/);
    expect(linked).toMatch(/^Linked: cus_\S+, bank account ba_\S+ ••6789 \(verified\)/);
    expect(await steps.getAttribute('aria-busy')).toBe('false');
    const stepTexts = await steps.locator('li.step').allTextContents();
    expect(stepTexts).toHaveLength(6);
    expect(stepTexts[1]).toMatch(/plaid POST \/item\/public_token\/exchange → 200 · request \S+/);
    expect(stepTexts[2]).toMatch(
      /plaid POST \/processor\/stripe\/bank_account_token\/create → 200 · request \S+/,
    );
    expect(stepTexts[3]).toMatch(/STRIPE TEST BANK ••6789, verified/);
    expect(stepTexts[3]).toMatch(/stripe POST \/v1\/customers → 200 · request req_\S+/);
    expect(stepTexts[4]).toMatch(/stripe POST \/v1\/setup_intents → 200 · request req_\S+/);
    expect(stepTexts[5]).toMatch(/stripe POST \/v1\/payment_intents → 200 · request req_\S+/);
    expect(stepTexts.join(' ')).not.toMatch(/btok_[A-Za-z0-9]{6,}|access-sandbox-/);

    await page.getByRole('button', { name: 'Simulate settlement' }).click();
    expect(await waitForText(summary, /Payment pi_\S+: succeeded\./)).toContain('succeeded');
    const settleSteps = await page
      .getByRole('list', { name: 'Settlement steps' })
      .locator('li.step')
      .allTextContents();
    expect(settleSteps[0]).toContain('4 days ahead');
    await harness.screenshot('stripe-flow-settled');
    if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') {
      // docs/screenshot.png (README): the whole page after the Stripe flow, as a palette PNG to stay small.
      const full = readFileSync(await harness.screenshot('docs-screenshot'));
      const small = encodePalettePng(decodePng(full));
      expect(small.length).toBeLessThan(300_000);
      mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
      writeFileSync(join(REPO_ROOT, 'docs', 'screenshot.png'), small);
    }

    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    expect(await waitForText(summary, 'Already linked (created: false)')).toMatch(
      /Payment pi_\S+: processing/,
    );
    const rerun = await steps.locator('li.step').allTextContents();
    expect(rerun[0]).toContain('skipped');
    expect(rerun[3]).toContain('already linked (created: false)');
    await harness.screenshot('stripe-flow-rerun');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  connectBank,
  openSample,
  waitForText,
} from '../../test/browser.test-helpers.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await openSample();
});
afterAll(() => harness?.close());

describe('Modern Treasury flow (browser)', () => {
  it('creates the counterparty, a verified external account and a $1.00 ACH debit; a re-run links nothing new', async () => {
    const { page } = harness;
    await connectBank(page, 'ins_109509');
    await page.getByRole('button', { name: 'Run Modern Treasury flow' }).click();
    const summary = page.locator('#modern-treasury-summary');
    const text = await waitForText(summary, /Payment order/);
    expect(text).toMatch(
      /^Linked: external account \S+ ••\d{4} \(verified\)\. Payment order \S+: approved\.$/,
    );
    const steps = await page
      .getByRole('list', { name: 'Modern Treasury flow steps' })
      .locator('li.step')
      .allTextContents();
    expect(steps).toHaveLength(7);
    expect(steps[3]).toMatch(/plaid POST \/processor\/token\/create → 200 · request \S+/);
    expect(steps[4]).toMatch(/modern_treasury POST \/api\/external_accounts → 201/);
    expect(steps[6]).toMatch(/modern_treasury POST \/api\/payment_orders → 201/);
    expect(steps.join(' ')).not.toMatch(/processor-sandbox-[0-9a-f]|access-sandbox-/);

    await page.getByRole('button', { name: 'Run Modern Treasury flow' }).click();
    expect(await waitForText(summary, 'Already linked (created: false)')).toContain('(verified)');
    await harness.screenshot('modern-treasury-flow');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

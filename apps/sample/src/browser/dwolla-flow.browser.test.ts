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

describe('Dwolla flow (browser)', () => {
  it('creates the customer, processor token, a verified funding source and a $1.00 transfer; linking the same account again warns first', async () => {
    const { page } = harness;
    await connectBank(page, 'ins_109511');
    await page.getByRole('button', { name: 'Run Dwolla flow' }).click();
    const summary = page.locator('#dwolla-summary');
    const text = await waitForText(summary, /funding source/);
    expect(text).toMatch(
      /^Linked: funding source \S+ "Plaid Checking 0000" \(verified\)\. Transfer \S+: \$1\.00 pending\.$/,
    );
    const steps = await page
      .getByRole('list', { name: 'Dwolla flow steps' })
      .locator('li.step')
      .allTextContents();
    expect(steps).toHaveLength(6);
    expect(steps[2]).toContain('Dwolla customer (unverified)');
    expect(steps[3]).toMatch(/plaid POST \/processor\/token\/create → 200 · request \S+/);
    expect(steps[4]).toMatch(/dwolla POST \/customers\/\S+\/funding-sources → 201/);
    expect(steps[4]).toContain('verified — created now (created: true)');
    expect(steps[5]).toMatch(/dwolla POST \/transfers → 201/);
    expect(steps.join(' ')).not.toMatch(/processor-sandbox-[0-9a-f]|access-sandbox-/);
    expect(await page.locator('#connected').textContent()).toMatch(
      /^Linked: Tartan Bank · Plaid Checking ••0000 \(Item \S+;/,
    );

    // The same bank and account again: the FAQ's duplicate-Item check runs before any exchange.
    await connectBank(page, 'ins_109511');
    const warning = page.getByRole('alert').filter({ hasText: 'is already linked' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Nothing has been exchanged yet');
    await harness.screenshot('duplicate-item-warning');
    await page.getByRole('button', { name: 'Use the existing Item' }).click();
    expect(await page.locator('#connected').textContent()).toMatch(
      /^Using the existing Item \S+: Tartan Bank/,
    );
    await page.getByRole('button', { name: 'Run Dwolla flow' }).click();
    expect(await waitForText(summary, 'Already linked (created: false)')).toContain('(verified)');
    const rerun = await page
      .getByRole('list', { name: 'Dwolla flow steps' })
      .locator('li.step')
      .allTextContents();
    expect(rerun[1]).toContain('skipped');
    expect(rerun[4]).toContain('already linked (created: false)');
    expect(rerun[5]).toContain('no second transfer');
    await harness.screenshot('dwolla-flow');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

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

describe('payment outcomes (browser)', () => {
  it('Dwolla: the $1.00 transfer moves pending → succeeded on settlement, and "Simulate return R01" turns it failed with the catalog advice', async () => {
    const { page } = harness;
    await connectBank(page, 'ins_109508');
    await page.getByRole('button', { name: 'Run Dwolla flow' }).click();
    const outcome = page.locator('#dwolla-outcome-text');
    expect(await waitForText(outcome, /: pending\.$/)).toMatch(/^Outcome of \S+: pending\.$/);
    await page.locator('#dwolla-outcome').getByRole('button', { name: 'Simulate settlement' }).click();
    await waitForText(outcome, 'pending → succeeded.');
    await page.locator('#dwolla-outcome').getByRole('button', { name: 'Simulate return R01' }).click();
    const failed = await waitForText(outcome, 'pending → succeeded → failed.');
    expect(failed).toMatch(/Return R01 \([^)]+\) — retry later, may be retried later\./);
    // A failed transfer offers no further return.
    expect(await page.locator('#dwolla-return').isHidden()).toBe(true);
    await harness.screenshot('dwolla-outcome-return');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });

  it('Stripe: a processing payment returned R01 shows processing → failed', async () => {
    const { page } = harness;
    await connectBank(page, 'ins_109511');
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    const outcome = page.locator('#stripe-outcome-text');
    await waitForText(outcome, /: processing\.$/);
    await page.locator('#stripe-outcome').getByRole('button', { name: 'Simulate return R01' }).click();
    const failed = await waitForText(outcome, 'processing → failed.');
    expect(failed).toMatch(/Return R01 \([^)]+\) — retry later/);
    expect(await page.locator('#stripe-return').isHidden()).toBe(true);
    expect(harness.pageErrors).toEqual([]);
  });
});

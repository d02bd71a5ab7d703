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

describe('Item health and update-mode recovery (browser)', () => {
  it('shows the verified ITEM ERROR webhook live, then Reconnect repairs the Item (LOGIN_REPAIRED)', async () => {
    const { page } = harness;
    await waitForText(page.locator('#event-stream-state'), 'Listening for webhooks.');
    await connectBank(page);
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    await waitForText(page.locator('#stripe-summary'), /Payment pi_\S+: processing/);

    await page.getByRole('button', { name: 'Simulate a credential change' }).click();
    const health = page.locator('#health-status');
    expect(await waitForText(health, 'login_required')).toContain('ITEM_LOGIN_REQUIRED');
    const log = page.getByRole('list', { name: 'Live event log' });
    const error = log.locator('li[data-kind="ITEM.ERROR"]');
    const errorText = await waitForText(error, 'verified');
    expect(errorText).toMatch(/^ITEM ERROR · verified ✓ · Item \S+/);
    expect(errorText).toContain('ITEM_LOGIN_REQUIRED');
    expect(errorText).toContain('User action: the user has to act');
    expect(errorText).toContain('update mode');
    await harness.screenshot('item-error-webhook');

    await page.getByRole('button', { name: 'Reconnect' }).click();
    expect(await waitForText(health, 'healthy')).toMatch(/Item \S+: healthy\./);
    const steps = await page
      .getByRole('list', { name: 'Item health steps' })
      .locator('li.step')
      .allTextContents();
    expect(steps[0]).toMatch(/Update-mode link token.*plaid POST \/link\/token\/create → 200/);
    expect(steps[1]).toContain('The access token did not change');
    const repaired = await waitForText(log.locator('li[data-kind="ITEM.LOGIN_REPAIRED"]'), 'verified');
    expect(repaired).toMatch(/^ITEM LOGIN_REPAIRED · verified ✓/);
    expect(await log.locator('li[data-type="webhook_rejected"]').count()).toBe(0);
    await harness.screenshot('item-repaired');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

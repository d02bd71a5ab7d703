import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  connectBank,
  openSample,
  submitLinkLogin,
  waitForText,
} from '../../test/browser.test-helpers.js';
import { saveDocsScreenshot } from '../../test/docs-screenshots.test-helpers.js';

let harness: BrowserHarness;
// Each case gets a fresh server, emulator and browser profile (no Items, no faults).
beforeEach(async () => {
  harness = await openSample();
});
afterEach(() => harness?.close());

/** Ids of elements that carry `hidden` but are still rendered (must be none). */
async function visibleHiddenElements(harness: BrowserHarness): Promise<string[]> {
  return harness.page.evaluate(() =>
    [...document.querySelectorAll('[hidden]')]
      .filter((element) => getComputedStyle(element).display !== 'none')
      .map((element) => element.id || element.tagName),
  );
}

describe('failure paths (browser)', () => {
  it('retries after a Stripe outage that outlasted the retries: the run reuses the exchanged Item', async () => {
    const { page, server } = harness;
    await connectBank(page);
    await server.providers.emulator?.control.addFault({
      method: 'POST',
      path: '/v1/customers',
      kind: 'status',
      status: 503,
      times: 50,
    });
    const run = page.getByRole('button', { name: 'Run Stripe flow' });
    await run.click();
    const card = page.getByRole('group', { name: /^Stripe flow failed: / });
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).not.toContain('null');
    expect(cardText).toContain('What to do:');
    expect(cardText).toMatch(/retried/i);
    // The public token is spent: the page now holds the Item, says so, and the health buttons work on it.
    expect(await page.locator('#connected').textContent()).toMatch(
      /^Linked: First Platypus Bank · Plaid Checking ••0000 \(Item \S+; .*the next run reuses this Item \(no second exchange\)\.$/,
    );
    expect(await page.getByRole('button', { name: 'Simulate a credential change' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Reconnect' }).isEnabled()).toBe(true);
    expect(await run.isEnabled()).toBe(true);
    // Focus went to the outcome, not to <body>.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stripe-summary');
    await saveDocsScreenshot(page, 'after-1-retry-after-outage');

    await server.providers.emulator?.control.clearFaults();
    await run.click();
    const summary = page.locator('#stripe-summary');
    expect(await waitForText(summary, /Payment pi_\S+: processing/)).toMatch(/^Linked: cus_\S+/);
    const steps = await page
      .getByRole('list', { name: 'Stripe flow steps' })
      .locator('li.step')
      .allTextContents();
    expect(steps[0]).toContain('skipped');
    expect(steps[1]).toContain('Already exchanged');
    expect(await page.getByRole('group').count()).toBe(0);
    expect(harness.pageErrors).toEqual([]);
  });

  it('an unusable account (credit card) fails clearly; picking another account of the same Item then works', async () => {
    const { page } = harness;
    await submitLinkLogin(page);
    const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
    await dialog.getByRole('radio', { name: /Plaid Credit Card/ }).check();
    // Account selection: the login fields are really hidden, not just marked hidden.
    expect(await dialog.getByLabel('Username').isVisible()).toBe(false);
    expect(await dialog.getByLabel('Password').isVisible()).toBe(false);
    expect(await visibleHiddenElements(harness)).toEqual([]);
    await saveDocsScreenshot(page, 'after-3-link-account-step', '#link-dialog');
    await dialog.getByRole('button', { name: 'Link account' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    const card = page.getByRole('group', { name: /^Stripe flow failed: / });
    await card.waitFor();
    expect(await card.textContent()).not.toContain('null');
    await saveDocsScreenshot(page, 'after-1-unusable-account');

    // The same bank again with its checking account: the duplicate check offers the Item just created.
    await connectBank(page);
    const warning = page.getByRole('alert').filter({ hasText: 'is already linked' });
    await warning.waitFor();
    expect(await page.getByRole('button', { name: 'Run Stripe flow' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Run Dwolla flow' }).isDisabled()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('use-existing');
    await saveDocsScreenshot(page, 'after-4-duplicate-warning');
    await page.getByRole('button', { name: 'Use the existing Item' }).click();
    expect(await page.locator('#connected').textContent()).toMatch(
      /^Using the existing Item \S+: .*Plaid Checking/,
    );
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    await waitForText(page.locator('#stripe-summary'), /Payment pi_\S+: processing/);
    expect(harness.pageErrors).toEqual([]);
  });

  it('error cards have no empty fields and are named by their heading and code', async () => {
    const { page } = harness;
    await submitLinkLogin(page, { scenario: 'error_ITEM_LOCKED' });
    const card = page.getByRole('group', { name: 'Link failed: ITEM_LOCKED' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).not.toMatch(/null|undefined/);
    expect(text).toContain('User action: the user has to act');
    expect(await card.locator('p').count()).toBe(4);
    expect(await page.getByRole('alert').filter({ has: card }).count()).toBe(1);
    await saveDocsScreenshot(page, 'after-2-error-card', '#link-error');
  });

  it('hidden elements stay hidden: old settlement steps disappear when the flow runs again', async () => {
    const { page, server } = harness;
    expect(await visibleHiddenElements(harness)).toEqual([]);
    await connectBank(page);
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    await waitForText(page.locator('#stripe-summary'), /processing/);
    await page.getByRole('button', { name: 'Simulate settlement' }).click();
    await waitForText(page.locator('#stripe-summary'), /succeeded/);
    expect(await page.getByRole('list', { name: 'Settlement steps' }).isVisible()).toBe(true);

    await server.providers.emulator?.control.addFault({
      method: 'POST',
      path: '/v1/payment_intents',
      kind: 'delay',
      delayMs: 1500,
    });
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    await page.locator('#stripe-steps li[data-step="payment"][data-status="running"]').waitFor();
    expect(await page.getByRole('list', { name: 'Settlement steps' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Simulate settlement' }).isVisible()).toBe(false);
    expect(await visibleHiddenElements(harness)).toEqual([]);
    await saveDocsScreenshot(page, 'after-3-rerun-hides-settlement', '#stripe-heading >> xpath=..');
    await waitForText(page.locator('#stripe-summary'), /processing/);
    expect(await page.getByRole('button', { name: 'Simulate settlement' }).isVisible()).toBe(true);
  });

  it('live regions announce only the step that changed, not the whole list', async () => {
    const { page } = harness;
    await connectBank(page);
    for (const name of ['Stripe flow steps', 'Dwolla flow steps', 'Settlement steps', 'Item health steps']) {
      expect(
        await page.getByRole('list', { name, includeHidden: true }).getAttribute('aria-live'),
      ).toBeNull();
    }
    await page.evaluate(() => {
      const announcer = document.getElementById('progress-announcer') as HTMLElement;
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => heard.push(announcer.textContent ?? '')).observe(announcer, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    await waitForText(page.locator('#stripe-summary'), /processing/);
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard[0]).toBe('Stripe flow steps: started.');
    expect(heard).toContain('Stripe flow steps: Test ACH payment of $1.00 (PaymentIntent), done.');
    // Each announcement names one step.
    for (const line of heard.slice(1))
      expect(line).toMatch(/^Stripe flow steps: [^,]+(,[^,]+)*, (in progress|done|skipped|failed)\./);
    expect(heard.some((line) => line.includes('Duplicate-Item check') && line.includes('Exchange'))).toBe(
      false,
    );
  });

  it('runs a whole flow with the keyboard only; focus lands on each outcome', async () => {
    const { page } = harness;
    await page.getByRole('button', { name: 'Open Link' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('link-institution');
    await dialog.getByRole('button', { name: 'Continue' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('radio', { name: /Plaid Checking/ }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe(
      'radio',
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await waitForText(page.locator('#connected'), 'Connected:');
    const run = page.getByRole('button', { name: 'Run Stripe flow' });
    await run.focus();
    await page.keyboard.press('Enter');
    await waitForText(page.locator('#stripe-summary'), /processing/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stripe-summary');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Simulate settlement');
    await page.keyboard.press('Enter');
    await waitForText(page.locator('#stripe-summary'), /succeeded/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stripe-summary');
    expect(harness.pageErrors).toEqual([]);
  });

  it('fits a 390 px wide phone screen without horizontal scrolling, errors and results included', async () => {
    const { page, server } = harness;
    await page.setViewportSize({ width: 390, height: 844 });
    await submitLinkLogin(page, { scenario: 'error_INSTITUTION_NOT_RESPONDING' });
    await page.getByRole('group', { name: /^Link failed: / }).waitFor();
    await connectBank(page);
    await server.providers.emulator?.control.addFault({
      method: 'POST',
      path: '/v1/setup_intents',
      kind: 'status',
      status: 400,
    });
    await page.getByRole('button', { name: 'Run Stripe flow' }).click();
    await page.getByRole('group', { name: /^Stripe flow failed: / }).waitFor();
    await page.getByRole('button', { name: 'Run Dwolla flow' }).click();
    await waitForText(page.locator('#dwolla-summary'), /funding source/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await saveDocsScreenshot(page, 'after-4-390px', undefined, false);
  });

  it("searches by institution id, connects a bank from the emulator's own list, and explains a too-long query", async () => {
    const { page } = harness;
    const search = page.getByRole('search', { name: 'Institution auth-support check' });
    await search.getByLabel('Institution name').fill('ins_127287');
    await search.getByRole('button', { name: 'Check support' }).click();
    await waitForText(page.locator('#auth-status'), '1 institution found');
    await page.getByRole('button', { name: 'Connect Platypus OAuth Bank' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
    expect(await dialog.getByLabel('Institution').inputValue()).toBe('ins_127287');
    const offered = await dialog.getByLabel('Institution').locator('option').allTextContents();
    expect(offered).toContain('Platypus OAuth Bank (ins_127287, OAuth)');
    expect(offered).toContain('Paisley Credit Union (ins_999001, no Auth)');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByRole('radio', { name: /Plaid Checking/ }).check();
    await dialog.getByRole('button', { name: 'Link account' }).click();
    expect(await waitForText(page.locator('#connected'), 'Connected:')).toContain('Platypus OAuth Bank');

    await search.getByLabel('Institution name').fill('b'.repeat(101));
    await search.getByRole('button', { name: 'Check support' }).click();
    const card = page.getByRole('group', { name: 'Search failed: INPUT_VALIDATION_ERROR' });
    await card.waitFor();
    expect(await card.textContent()).toContain('must be at most 100 characters');
    expect(harness.pageErrors).toEqual([]);
  });
});

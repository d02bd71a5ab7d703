import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserHarness,
  openSample,
  submitLinkLogin,
  waitForText,
} from '../../test/browser.test-helpers.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await openSample();
});
afterAll(() => harness?.close());

describe('simulated Link error (browser)', () => {
  it("shows error_ITEM_LOCKED with its category and the catalog's remediation, and nothing is linked", async () => {
    const { page } = harness;
    await submitLinkLogin(page, { scenario: 'error_ITEM_LOCKED' });
    const alert = page.getByRole('alert').filter({ hasText: 'Link failed' });
    const text = await waitForText(alert, 'ITEM_LOCKED');
    expect(text).toContain('User action: the user has to act');
    expect(text).toContain('What to do: The account is locked at the bank; the user must contact their bank');
    expect(await page.locator('#connected').textContent()).toBe('No bank connected.');
    expect(await page.getByRole('button', { name: 'Run Stripe flow' }).isDisabled()).toBe(true);
    await harness.screenshot('link-error-item-locked');

    // Keyboard only: Link opens fresh (Sandbox credentials, no simulated error); continue and pick the account.
    await page.getByRole('button', { name: 'Open Link' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Password').inputValue()).toBe('pass_good');
    expect(await dialog.getByLabel('Simulate').inputValue()).toBe('pass_good');
    await dialog.getByRole('button', { name: 'Continue' }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('radio', { name: /Plaid Checking/ }).waitFor();
    await dialog.getByRole('button', { name: 'Link account' }).focus();
    await page.keyboard.press('Enter');
    expect(await waitForText(page.locator('#connected'), 'Connected:')).toContain('Plaid Checking ••0000');
    expect(await alert.isVisible()).toBe(false);
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

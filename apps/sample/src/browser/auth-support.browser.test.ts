import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, openSample, waitForText } from '../../test/browser.test-helpers.js';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await openSample();
});
afterAll(() => harness?.close());

describe('institution auth-support check (browser)', () => {
  it('shows which banks support Auth and whether Stripe and Dwolla can use them, with the reason', async () => {
    const { page } = harness;
    expect(await waitForText(page.locator('#mode-banner'), 'Emulator mode')).toContain('offline');
    const search = page.getByRole('search', { name: 'Institution auth-support check' });
    await search.getByLabel('Institution name').fill('credit union');
    await search.getByLabel('Institution name').press('Enter');
    const results = page.getByRole('list', { name: 'Institutions and their auth support' });
    const paisley = results.getByRole('listitem').filter({ hasText: 'Paisley Credit Union' });
    await paisley.waitFor();
    expect(await paisley.locator('.auth-support').textContent()).toBe('No Auth support');
    const paisleyText = await paisley.textContent();
    expect(paisleyText).toContain('does not support Plaid Auth');
    expect(paisleyText).toContain('Cannot use it');
    const gingham = results.getByRole('listitem').filter({ hasText: 'First Gingham Credit Union' });
    expect(await gingham.locator('.auth-support').textContent()).toBe('Supports Auth');
    expect(await gingham.getByRole('definition').first().textContent()).toContain('Works');
    expect(await page.locator('#auth-status').textContent()).toMatch(
      /institutions? found \(Plaid request \S+\)/,
    );

    await search.getByLabel('Countries').selectOption('CA');
    await search.getByLabel('Institution name').fill('tartan');
    await search.getByRole('button', { name: 'Check support' }).click();
    const canadian = results.getByRole('listitem').filter({ hasText: 'Tartan-Dominion Bank of Canada' });
    await canadian.waitFor();
    expect(await canadian.textContent()).toContain('not a US institution');
    await harness.screenshot('auth-support-check');
    expect(harness.externalRequests).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

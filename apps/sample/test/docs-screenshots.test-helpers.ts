import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, SCREENSHOT_DIR } from './browser.test-helpers.js';
import { decodePng, encodePalettePng } from './palette-png.test-helpers.js';

/** Where the failure-path screenshots linked from the sample's README live. */
export const DOCS_FAILURE_PATHS_DIR = join(REPO_ROOT, 'docs', 'failure-paths');

/**
 * Saves a screenshot of the page (or of the element `selector` matches) to artifacts/screenshots/<name>.png;
 * with UPDATE_DOCS_SCREENSHOT=1 also to docs/failure-paths/<name>.png as a small palette PNG.
 */
export async function saveDocsScreenshot(
  page: Page,
  name: string,
  selector?: string,
  fullPage = true,
): Promise<void> {
  const png =
    selector === undefined
      ? await page.screenshot({ fullPage })
      : await page.locator(selector).first().screenshot();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIR, `${name}.png`), png);
  if (process.env['UPDATE_DOCS_SCREENSHOT'] !== '1') return;
  mkdirSync(DOCS_FAILURE_PATHS_DIR, { recursive: true });
  writeFileSync(join(DOCS_FAILURE_PATHS_DIR, `${name}.png`), encodePalettePng(decodePng(png)));
}

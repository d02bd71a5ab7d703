import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { RunningSampleServer } from '../src/server/start-sample-server.js';
import { startTestServer } from './sample-server.test-helpers.js';

/** Debian's Chromium (CI installs it with apt-get). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Repository root, where `artifacts/screenshots` and `docs/` live. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the browser tests leave their screenshots (gitignored). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A sample server with a fresh emulator, a headless Chromium with a fresh profile, and one page on it. */
export interface BrowserHarness {
  server: RunningSampleServer;
  context: BrowserContext;
  page: Page;
  /** Requests the page made to anything but the sample server (must stay empty: the page works offline). */
  externalRequests: string[];
  /** Errors thrown by the page's scripts. */
  pageErrors: string[];
  /** Saves a full-page screenshot as artifacts/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server, launches Chromium and opens the page, waiting until its scripts are ready. */
export async function openSample(): Promise<BrowserHarness> {
  const server = await startTestServer();
  const profile = mkdtempSync(join(tmpdir(), 'achbridge-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 900 },
    });
  } catch (error) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) {
      externalRequests.push(request.url());
    }
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(server.url);
  await page.locator('body[data-ready="true"]').waitFor();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    context,
    page,
    externalRequests,
    pageErrors,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the emulated Link, logs in (optionally as another institution or with an error password). */
export async function submitLinkLogin(
  page: Page,
  options: { institution?: string; scenario?: string } = {},
): Promise<void> {
  await page.getByRole('button', { name: 'Open Link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
  await dialog.waitFor();
  if (options.institution) await dialog.getByLabel('Institution').selectOption(options.institution);
  if (options.scenario) await dialog.getByLabel('Simulate').selectOption(options.scenario);
  await dialog.getByRole('button', { name: 'Continue' }).click();
}

/** Connects a bank through the emulated Link and picks its checking account. */
export async function connectBank(page: Page, institution?: string): Promise<void> {
  await submitLinkLogin(page, institution === undefined ? {} : { institution });
  const dialog = page.getByRole('dialog', { name: 'Link (emulated)' });
  await dialog.getByRole('radio', { name: /Plaid Checking/ }).check();
  await dialog.getByRole('button', { name: 'Link account' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits until `locator` contains `text` (string or pattern); playwright-core has no `expect`, so this waits. */
export async function waitForText(
  locator: ReturnType<Page['locator']>,
  text: string | RegExp,
  timeout = 15_000,
): Promise<string> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
  return (await locator.first().textContent()) ?? '';
}

import { readFileSync } from 'node:fs';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { quickstart } from '../examples/quickstart.js';

// The example imports '@achbridge/core' by name, like an app does. Run it against this package's source
// (the module below is the real index, not a double), so the test never depends on a stale dist/.
vi.mock('@achbridge/core', () => import('./index.js'));

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../examples/quickstart.ts', import.meta.url), 'utf8');

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function settings() {
  return {
    baseUrl: emulator.plaid.baseUrl,
    clientId: emulator.plaid.clientId,
    secret: emulator.plaid.secret,
  };
}

async function plaidItems(): Promise<{ item_id: string; exchanged: boolean; institution_id: string }[]> {
  const state = await emulator.control.state();
  return state.plaid['items'] as { item_id: string; exchanged: boolean; institution_id: string }[];
}

describe('README quickstart', () => {
  it('is exactly examples/quickstart.ts', () => {
    const block = /## Quickstart[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    expect(block).toBe(example);
  });

  it('runs against the emulator: auth support, one exchanged Item, ACH numbers, typed errors', async () => {
    await emulator.control.reset();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const result = await quickstart(settings());

    expect(result.support).toMatchObject({
      institution: { institutionId: 'ins_109508', name: 'First Platypus Bank' },
      supportsAuth: true,
      processors: { stripe: { compatible: true }, dwolla: { compatible: true } },
    });
    expect(result.support.requestId).not.toBe('');

    // Exactly one Item: the one the example exchanged (the forced ITEM_LOCKED creates none).
    const items = await plaidItems();
    expect(items).toEqual([
      expect.objectContaining({ item_id: result.itemId, exchanged: true, institution_id: 'ins_109508' }),
    ]);

    expect(result.ach.length).toBeGreaterThan(0);
    for (const entry of result.ach) {
      expect(entry.accountId).not.toBe('');
      expect(entry.account).toMatch(/^\d+$/);
      expect(entry.routing).toMatch(/^\d{9}$/);
    }

    expect(result.failure).toMatchObject({
      name: 'PlaidApiError',
      errorType: 'ITEM_ERROR',
      errorCode: 'ITEM_LOCKED',
      category: 'user_action',
      isRetryable: false,
    });
    expect(warn).toHaveBeenCalledWith('ITEM_LOCKED', 'user_action', expect.stringContaining('locked'));

    expect(result.advice).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      type: 'ITEM_ERROR',
      category: 'user_action',
      when: ['link-add', 'link-update'],
    });
    expect(result.advice.remediation).toContain('wrong credentials');
  });

  it('reads PLAID_CLIENT_ID / PLAID_SECRET when the settings leave them out, as the comment says', async () => {
    await emulator.control.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('PLAID_CLIENT_ID', emulator.plaid.clientId);
    vi.stubEnv('PLAID_SECRET', emulator.plaid.secret);

    const result = await quickstart({ baseUrl: emulator.plaid.baseUrl });

    expect(await plaidItems()).toEqual([
      expect.objectContaining({ item_id: result.itemId, exchanged: true }),
    ]);
  });
});

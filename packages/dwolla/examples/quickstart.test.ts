import { readFileSync } from 'node:fs';
import { type RunningEmulator, startEmulator } from '@achbridge/emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./quickstart.ts', import.meta.url), 'utf8');

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator.close();
});

describe('README quickstart', () => {
  it('is exactly examples/quickstart.ts', () => {
    const block = /## Quickstart[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    expect(block).toBe(example);
  });

  it('runs unchanged against the emulator with only the environment set: one verified funding source', async () => {
    vi.stubEnv('PLAID_BASE_URL', emulator.plaid.baseUrl);
    vi.stubEnv('PLAID_CLIENT_ID', emulator.plaid.clientId);
    vi.stubEnv('PLAID_SECRET', emulator.plaid.secret);
    vi.stubEnv('DWOLLA_BASE_URL', emulator.dwolla.baseUrl);
    vi.stubEnv('DWOLLA_KEY', emulator.dwolla.key);
    vi.stubEnv('DWOLLA_SECRET', emulator.dwolla.secret);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import('./quickstart.js');
      expect(log.mock.calls).toEqual([['verified', true]]);
    } finally {
      log.mockRestore();
    }
    const state = await emulator.control.state();
    const sources = (state.dwolla['fundingSources'] ?? []) as { name?: string }[];
    expect(sources.filter((source) => source.name === 'Jane Doe Checking')).toHaveLength(1);
  });
});

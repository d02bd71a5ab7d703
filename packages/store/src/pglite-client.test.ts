import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeKey } from '../test/store.test-helpers.js';
import { createStore } from './create-store.js';

const token = 'access-sandbox-9e8d7c6b-0000-4000-8000-dddddddddddd';
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('embedded store in a folder', () => {
  it('keeps Items, links and payments across a restart, and never writes the access token in clear', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'achbridge-store-'));
    folders.push(dataDir);
    const keys = [makeKey('k1')];
    const first = createStore({ database: { dataDir }, encryptionKeys: keys });
    await first.saveItem({
      itemId: 'item-p',
      accessToken: token,
      accounts: [{ accountId: 'acc-p', mask: '0000' }],
    });
    await first.claimProcessorLink(
      { itemId: 'item-p', accountId: 'acc-p', processor: 'dwolla', customerId: 'cust-1' },
      async () => ({ objectId: 'https://api-sandbox.dwolla.com/funding-sources/fs-1', details: {} }),
    );
    await first.claimPayment({ processor: 'stripe', idempotencyKey: 'order-p' }, async () => ({
      paymentId: 'pi_p',
      payment: { amount: 100 },
    }));
    await first.close();

    const needle = Buffer.from('access-sandbox-');
    for (const file of await filesUnder(dataDir)) {
      expect((await readFile(file)).includes(needle), file).toBe(false);
    }

    const second = createStore({ database: { dataDir }, encryptionKeys: keys });
    expect(await second.getAccessToken('item-p')).toBe(token);
    expect((await second.getItem('item-p'))?.accounts).toHaveLength(1);
    expect(await second.listProcessorLinks('item-p')).toHaveLength(1);
    expect((await second.getPayment({ processor: 'stripe', idempotencyKey: 'order-p' }))?.paymentId).toBe(
      'pi_p',
    );
    await second.close();
  });
});

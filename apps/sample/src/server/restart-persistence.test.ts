import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  freePort,
  type StartedScript,
  startStartScript,
  stopStartedScripts,
} from '../../test/start-script.test-helpers.js';
import type { LinkedItem } from '../items/linked-item.js';

const folders: string[] = [];
afterEach(() => {
  stopStartedScripts();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function call(
  origin: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function stop(script: StartedScript): Promise<void> {
  const exited = once(script.child, 'exit');
  script.child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  expect(code).toBe(0);
}

/** Every file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function itemsOf(origin: string): Promise<LinkedItem[]> {
  const answer = await call(origin, 'GET', '/api/items');
  expect(answer.status).toBe(200);
  expect(answer.body['durable']).toBe(true);
  return answer.body['items'] as LinkedItem[];
}

describe('npm start keeps linked Items across a restart (store + emulator --state-file)', () => {
  it('links, pays, gets a webhook status, stops, starts again: the Item, its link and status are still there, and no access token is readable in the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'achbridge-sample-restart-'));
    folders.push(dataDir);

    // Like `npm start` on port 3000, both runs use one port: the Item's webhook URL names it.
    const port = await freePort();
    const first = await startStartScript(dataDir, port);
    const token = await call(first.sample, 'POST', '/api/create_link_token');
    const linked = await call(first.sample, 'POST', '/api/emulator/link/complete', {
      linkToken: token.body['link_token'],
      institutionId: 'ins_109508',
      username: 'user_good',
      password: 'pass_good',
    });
    expect(linked.status).toBe(200);
    const accounts = linked.body['accounts'] as Array<{ id: string; subtype: string }>;
    const accountId = accounts.find((account) => account.subtype === 'checking')?.id as string;
    const flow = await call(first.sample, 'POST', '/api/flows/stripe', {
      runId: 'restart-1',
      source: {
        publicToken: linked.body['publicToken'],
        institution: linked.body['institution'],
        accounts: linked.body['accounts'],
      },
      accountId,
    });
    expect(flow.status).toBe(200);
    const result = flow.body['result'] as { itemId: string; bankAccount: { id: string }; created: boolean };
    expect(result.created).toBe(true);

    // The lifecycle: a credential change sends ITEM ERROR (ITEM_LOGIN_REQUIRED) → needs update.
    const reset = await call(first.sample, 'POST', `/api/items/${result.itemId}/reset_login`, {
      runId: 'restart-reset',
    });
    expect(reset.status).toBe(200);
    let status = '';
    for (let attempt = 0; attempt < 80 && status !== 'needs_update'; attempt++) {
      const [item] = await itemsOf(first.sample);
      status = item?.status.status ?? '';
      if (status !== 'needs_update') await new Promise((done) => setTimeout(done, 250));
    }
    expect(status).toBe('needs_update');
    await stop(first);

    const second = await startStartScript(dataDir, port);
    const items = await itemsOf(second.sample);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      itemId: result.itemId,
      institutionId: 'ins_109508',
      stripe: { destination: result.bankAccount.id, accountId },
      status: { status: 'needs_update', reason: 'ITEM_LOGIN_REQUIRED' },
    });
    // Both sides agree: the stored access token still works at the restarted emulator (update mode repairs
    // the Item, whose LOGIN_REPAIRED webhook makes it healthy), and the bank account is found again rather than
    // attached twice.
    const reconnect = await call(second.sample, 'POST', `/api/items/${result.itemId}/reconnect`, {
      runId: 'restart-reconnect',
    });
    expect(reconnect.status).toBe(200);
    for (let attempt = 0; attempt < 80 && status !== 'healthy'; attempt++) {
      const [item] = await itemsOf(second.sample);
      status = item?.status.status ?? '';
      if (status !== 'healthy') await new Promise((done) => setTimeout(done, 250));
    }
    expect(status).toBe('healthy');
    const again = await call(second.sample, 'POST', '/api/flows/stripe', {
      runId: 'restart-2',
      source: { itemId: result.itemId },
      accountId,
    });
    expect(again.status).toBe(200);
    expect(again.body['result']).toMatchObject({
      created: false,
      bankAccount: { id: result.bankAccount.id },
    });
    await stop(second);

    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('emulator-state.json'))).toBe(true);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      expect(readFileSync(file).includes('access-sandbox-'), file).toBe(false);
    }
  }, 300_000);
});

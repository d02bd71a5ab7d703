import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createPlaidClient,
  type PlaidClient,
  type PlaidWebhookEvent,
  type WebhookHeaders,
} from '@achbridge/core';
import { createTestWebhookSigner, type TestWebhookSigner } from '@achbridge/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CompileBlocksResult, compileBlocks } from './compile-blocks.js';
import { extractTypeScriptBlocks, type ReadmeBlock } from './readme-blocks.js';
import { declarationsOf, README_SNIPPETS } from './readme-snippets.js';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const GENERATED = fileURLToPath(new URL('../.generated/root-readme', import.meta.url));

/** The handler factory the README's Webhooks block exports. */
type CreateWebhookHandler = (
  plaid: PlaidClient,
  onEvent: (event: PlaidWebhookEvent) => Promise<void>,
) => (rawBody: string | Uint8Array, headers: WebhookHeaders) => Promise<{ status: number }>;

const ITEM_ERROR = {
  webhook_type: 'ITEM',
  webhook_code: 'ERROR',
  item_id: 'wz666MBjYWTp2PDzzggYhM6oWWmBb',
  error: {
    error_type: 'ITEM_ERROR',
    error_code: 'ITEM_LOGIN_REQUIRED',
    error_message: 'the login details of this item have changed (credentials, MFA, or required user action)',
    display_message: null,
    status: 400,
  },
  environment: 'sandbox',
};

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const ROOT_RUNS = README_SNIPPETS.find((readme) => readme.file === 'README.md')?.blocks ?? {};
const ROOT_PREAMBLES = Object.fromEntries(
  Object.entries(ROOT_RUNS).map(([name, snippet]) => [name, declarationsOf(snippet)]),
);

let blocks: ReadmeBlock[];
let compiled: CompileBlocksResult;

beforeAll(async () => {
  blocks = extractTypeScriptBlocks(readFileSync(README, 'utf8'), 'README.md');
  compiled = await compileBlocks({
    blocks,
    preambles: ROOT_PREAMBLES,
    directory: GENERATED,
    markdownFile: 'README.md',
  });
});

describe('root README.md TypeScript blocks', () => {
  it('are each named, and each name has a run entry in readme-snippets.ts (and each entry a block)', () => {
    expect(blocks.map((block) => block.name).sort()).toEqual(Object.keys(ROOT_RUNS).sort());
    expect(blocks.map((block) => block.name)).toContain('webhook-handler');
  });

  it('compile with strict TypeScript (NodeNext) against the built packages', () => {
    // On failure the diagnostics name README.md lines, e.g. `README.md:71:3 (block 'stripe'): error TS2322 …`.
    expect(compiled.diagnostics).toBe('');
    expect(compiled.exitCode).toBe(0);
  });
});

describe('root README.md Webhooks handler, compiled and run', () => {
  let createWebhookHandler: CreateWebhookHandler;

  beforeAll(async () => {
    expect(compiled.exitCode, compiled.diagnostics).toBe(0);
    const module = (await import(pathToFileURL(join(compiled.outDirectory, 'webhook-handler.js')).href)) as {
      createWebhookHandler: CreateWebhookHandler;
    };
    createWebhookHandler = module.createWebhookHandler;
  });

  function setup(fetch?: NonNullable<Parameters<typeof createPlaidClient>[0]>['fetch']) {
    const signer: TestWebhookSigner = createTestWebhookSigner();
    const plaid = createPlaidClient({
      clientId: 'docs-test-client',
      secret: 'docs-test-secret-1',
      fetch: fetch ?? signer.fetch,
      maxRetries: 0,
    });
    const events: PlaidWebhookEvent[] = [];
    const handle = createWebhookHandler(plaid, async (event) => {
      events.push(event);
    });
    return { signer, handle, events };
  }

  it('answers 200 to a delivery signed like Plaid and hands the typed event to onEvent', async () => {
    const { signer, handle, events } = setup();
    const signed = signer.sign(JSON.stringify(ITEM_ERROR, null, 2));

    await expect(handle(signed.body, signed.headers)).resolves.toEqual({ status: 200 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'ITEM.ERROR',
      itemId: ITEM_ERROR.item_id,
      error: { errorCode: 'ITEM_LOGIN_REQUIRED', category: 'user_action' },
    });
  });

  it('answers 401 to a tampered body and never calls onEvent', async () => {
    const { signer, handle, events } = setup();
    const signed = signer.sign(JSON.stringify(ITEM_ERROR));
    const tampered = String(signed.body).replace('ITEM_LOGIN_REQUIRED', 'ITEM_LOCKED');

    await expect(handle(tampered, signed.headers)).resolves.toEqual({ status: 401 });
    expect(events).toEqual([]);
  });

  it('answers 401 to a delivery without the Plaid-Verification header', async () => {
    const { handle, events } = setup();

    await expect(handle(JSON.stringify(ITEM_ERROR), { 'content-type': 'application/json' })).resolves.toEqual(
      {
        status: 401,
      },
    );
    expect(events).toEqual([]);
  });

  it("answers 503 (so Plaid delivers again) when Plaid's key endpoint cannot be reached", async () => {
    const signer = createTestWebhookSigner();
    const { handle, events } = setup(async () => new Response('upstream down', { status: 503 }));
    const signed = signer.sign(JSON.stringify(ITEM_ERROR));

    await expect(handle(signed.body, signed.headers)).resolves.toEqual({ status: 503 });
    expect(events).toEqual([]);
  });

  it('works behind a node:http server fed the raw request bytes and req.headers', async () => {
    const { signer, handle, events } = setup();
    const server = createServer((request, response) => {
      readRaw(request)
        .then((body) => handle(body, request.headers))
        .then(({ status }) => response.writeHead(status).end())
        .catch(() => response.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plaid/webhooks`;
      const signed = signer.sign(JSON.stringify(ITEM_ERROR));
      const valid = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
      expect(valid.status).toBe(200);
      const tampered = await fetch(url, {
        method: 'POST',
        headers: signed.headers,
        body: JSON.stringify({ ...ITEM_ERROR, item_id: 'someone-elses-item' }),
      });
      expect(tampered.status).toBe(401);
      expect(events.map((event) => event.kind)).toEqual(['ITEM.ERROR']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('passes an error thrown by onEvent through instead of answering', async () => {
    const signer = createTestWebhookSigner();
    const plaid = createPlaidClient({
      clientId: 'docs-test-client',
      secret: 'docs-test-secret-1',
      fetch: signer.fetch,
    });
    const failure = new Error('database unavailable');
    const handle = createWebhookHandler(plaid, async () => {
      throw failure;
    });
    const signed = signer.sign(ITEM_ERROR);

    await expect(handle(signed.body, signed.headers)).rejects.toBe(failure);
  });
});

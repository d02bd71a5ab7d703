import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkingAccount,
  connectBank,
  linkSource,
  requestJson,
  TEST_CONFIG,
} from '../../test/sample-server.test-helpers.js';
import { type RunningSampleServer, startSampleServer } from './start-sample-server.js';

const lines: string[] = [];
let server: RunningSampleServer;
beforeAll(async () => {
  server = await startSampleServer({
    config: TEST_CONFIG,
    tuning: { retry: { initialDelayMs: 1 } },
    requestLog: (line) => lines.push(line),
  });
});
afterAll(() => server.close());

describe('request log', () => {
  it('logs method, path, status, ms and each provider call with its request id, never a secret', async () => {
    const success = await connectBank(server);
    lines.length = 0;
    const answer = await requestJson(server, 'POST', '/api/flows/stripe', {
      runId: 'log-1',
      source: linkSource(success),
      accountId: checkingAccount(success).id,
    });
    expect(answer.status).toBe(200);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatch(/^POST \/api\/flows\/stripe 200 \d+ ms · /);
    expect(line).toMatch(/plaid POST \/item\/public_token\/exchange 200 \S+/);
    expect(line).toMatch(/stripe POST \/v1\/payment_intents 200 req_\S+/);
    expect(line).not.toMatch(
      /access-sandbox-|public-sandbox-|btok_[A-Za-z0-9]{6,}|sk_test_|processor-sandbox-/,
    );
  });

  it('logs failures with their status and leaves out query strings', async () => {
    lines.length = 0;
    await requestJson(server, 'GET', '/api/institutions?query=secret-looking-query');
    await requestJson(server, 'GET', '/api/items/no-such-item');
    expect(lines[0]).toMatch(
      /^GET \/api\/institutions 200 \d+ ms · plaid POST \/institutions\/search 200 \S+$/,
    );
    expect(lines[0]).not.toContain('secret-looking-query');
    expect(lines[1]).toMatch(/^GET \/api\/items\/no-such-item 404 \d+ ms$/);
  });

  it('logs nothing for the static page', async () => {
    lines.length = 0;
    await server.app.request('/styles.css');
    expect(lines).toEqual([]);
  });
});

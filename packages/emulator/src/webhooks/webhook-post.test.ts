import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestReceiver, type TestReceiver } from '../../test/webhook-receiver.test-helpers.js';
import { postWebhook } from './webhook-post.js';

describe('postWebhook', () => {
  let receiver: TestReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  const send = (url: string, timeoutMs = 2000, signal = new AbortController().signal) =>
    postWebhook({
      url: new URL(url),
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json', 'X-Test': 'yes' },
      timeoutMs,
      signal,
    });

  it('POSTs the exact body with the headers and reports the status', async () => {
    receiver = await startTestReceiver(() => 503);
    expect(await send(`${receiver.url}/hooks/plaid`)).toEqual({ kind: 'answered', status: 503 });
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/plaid');
    expect(request?.body.toString('utf8')).toBe('{"a":1}');
    expect(request?.headers['x-test']).toBe('yes');
    expect(request?.headers['content-length']).toBe('7');
  });

  it('gives up on a receiver that never answers within the timeout', async () => {
    receiver = await startTestReceiver(() => 'hang');
    expect(await send(receiver.url, 50)).toEqual({ kind: 'timeout' });
  });

  it('reports a refused connection as a failure', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await send(`http://127.0.0.1:${port}/`);
    expect(result).toEqual({ kind: 'failed', message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('stops when aborted', async () => {
    receiver = await startTestReceiver(() => 'hang');
    const controller = new AbortController();
    const pending = send(receiver.url, 60_000, controller.signal);
    await receiver.waitFor(1);
    controller.abort();
    expect(await pending).toEqual({ kind: 'failed', message: 'cancelled' });
    const aborted = new AbortController();
    aborted.abort();
    expect(await send(receiver.url, 60_000, aborted.signal)).toEqual({
      kind: 'failed',
      message: 'cancelled',
    });
  });
});

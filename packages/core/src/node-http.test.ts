import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError } from './errors.js';
import { sendHttpRequest } from './http.js';
import { silentLogger } from './logger.js';
import { sendWithNodeHttp } from './node-http.js';
import { createSharedTimeouts } from './shared-timeouts.js';
import { isTransportTimeout } from './transport-timeout.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server | undefined;
let connections = 0;

async function serve(handler: Handler): Promise<string> {
  connections = 0;
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => handler(request, body, response));
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const timeouts = createSharedTimeouts();

describe('sendWithNodeHttp', () => {
  it('sends method, headers and body with a Content-Length and reads status, headers and text', async () => {
    const seen: { method?: string; type?: string; length?: string; body?: string } = {};
    const origin = await serve((request, body, response) => {
      Object.assign(seen, {
        method: request.method,
        type: request.headers['content-type'],
        length: request.headers['content-length'],
        body,
      });
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.writeHead(201, { 'X-Request-Id': 'req-1', 'Content-Type': 'application/json' });
      response.end('{"ok":"é"}');
    });
    const answer = await sendWithNodeHttp(
      {
        url: `${origin}/item/get`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name":"é"}',
        timeoutMs: 5_000,
      },
      timeouts,
    );
    expect(seen).toEqual({ method: 'POST', type: 'application/json', length: '13', body: '{"name":"é"}' });
    expect(answer.status).toBe(201);
    expect(answer.text).toBe('{"ok":"é"}');
    expect(answer.headers.get('x-request-id')).toBe('req-1');
    expect(answer.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(answer.headers.get('X-Missing')).toBeNull();
  });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const origin = await serve((_request, _body, response) => response.end('ok'));
    for (let index = 0; index < 3; index++) {
      const answer = await sendWithNodeHttp(
        {
          url: `${origin}/x`,
          method: 'GET',
          headers: {},
          timeoutMs: 5_000,
        },
        timeouts,
      );
      expect(answer.text).toBe('ok');
    }
    expect(connections).toBe(1);
  });

  it('joins an answer that arrives in several chunks, also when a character is split between them', async () => {
    const text = '{"name":"Café €"}';
    const bytes = Buffer.from(text, 'utf8');
    const split = bytes.indexOf(0xe2) + 1; // inside the 3 bytes of the euro sign
    const origin = await serve((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write(bytes.subarray(0, split));
      setTimeout(() => response.end(bytes.subarray(split)), 20);
    });
    const answer = await sendWithNodeHttp(
      { url: origin, method: 'GET', headers: {}, timeoutMs: 5_000 },
      timeouts,
    );
    expect(answer.text).toBe(text);
  });

  it('decodes a gzip-encoded answer', async () => {
    const origin = await serve((_request, _body, response) => {
      response.writeHead(200, { 'Content-Encoding': 'gzip' });
      response.end(gzipSync('{"zipped":true}'));
    });
    const answer = await sendWithNodeHttp(
      { url: origin, method: 'GET', headers: {}, timeoutMs: 5_000 },
      timeouts,
    );
    expect(answer.text).toBe('{"zipped":true}');
  });

  it('rejects with an AbortError when the signal aborts a hanging request', async () => {
    const origin = await serve(() => {});
    const controller = new AbortController();
    const pending = sendWithNodeHttp(
      { url: origin, method: 'GET', headers: {}, signal: controller.signal, timeoutMs: 5_000 },
      timeouts,
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("rejects with Node's error code when the connection is refused", async () => {
    const origin = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    await expect(
      sendWithNodeHttp({ url: origin, method: 'GET', headers: {}, timeoutMs: 5_000 }, timeouts),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('rejects with a TransportTimeout at the deadline, also while the body is still arriving', async () => {
    const silent = await serve(() => {});
    await expect(
      sendWithNodeHttp({ url: silent, method: 'GET', headers: {}, timeoutMs: 20 }, timeouts),
    ).rejects.toSatisfy(isTransportTimeout);
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const slowBody = await serve((_request, _body, response) => {
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('{"partial":');
    });
    await expect(
      sendWithNodeHttp({ url: slowBody, method: 'GET', headers: {}, timeoutMs: 30 }, timeouts),
    ).rejects.toSatisfy(isTransportTimeout);
  });

  it('creates no AbortController when the caller passed no signal', async () => {
    const origin = await serve((_request, _body, response) => response.end('ok'));
    const Original = globalThis.AbortController;
    let created = 0;
    globalThis.AbortController = class extends Original {
      constructor() {
        super();
        created += 1;
      }
    };
    try {
      const answer = await sendHttpRequest({
        provider: 'plaid',
        endpoint: '/x',
        url: `${origin}/x`,
        method: 'GET',
        headers: {},
        timeoutMs: 5_000,
        logger: silentLogger,
      });
      expect(answer.text).toBe('ok');
    } finally {
      globalThis.AbortController = Original;
    }
    expect(created).toBe(0);
  });

  it('refuses protocols other than http and https', async () => {
    await expect(
      sendWithNodeHttp({ url: 'ftp://127.0.0.1/x', method: 'GET', headers: {}, timeoutMs: 5_000 }, timeouts),
    ).rejects.toThrow(/unsupported protocol ftp:/);
  });
});

describe('sendHttpRequest without a custom fetch (Node HTTP transport)', () => {
  const base = {
    provider: 'plaid' as const,
    endpoint: '/item/get',
    method: 'POST' as const,
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
    timeoutMs: 5_000,
    logger: silentLogger,
  };

  it('returns the answer like the fetch path does', async () => {
    const origin = await serve((_request, body, response) => {
      response.writeHead(200, { 'X-Request-Id': 'r2' });
      response.end(body);
    });
    const answer = await sendHttpRequest({ ...base, url: `${origin}/item/get` });
    expect(answer).toMatchObject({ status: 200, text: '{}' });
    expect(answer.headers.get('x-request-id')).toBe('r2');
  });

  it('maps a refused connection to an unreachable NetworkError', async () => {
    const origin = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const error = await sendHttpRequest({ ...base, url: origin }).catch((caught: unknown) => caught);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'unreachable', isRetryable: true });
  });

  it('maps a hanging server to a timeout NetworkError', async () => {
    const origin = await serve(() => {});
    const error = await sendHttpRequest({ ...base, url: origin, timeoutMs: 20 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
  });

  it('reports a caller abort as aborted', async () => {
    const origin = await serve(() => {});
    const controller = new AbortController();
    const pending = sendHttpRequest({ ...base, url: origin, signal: controller.signal }).catch(
      (caught: unknown) => caught,
    );
    controller.abort();
    expect(await pending).toMatchObject({ name: 'NetworkError', reason: 'aborted', isRetryable: false });
  });

  it('maps a connection cut mid-answer to a reset NetworkError', async () => {
    const origin = await serve((_request, _body, response) => {
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('{"partial":');
      setImmediate(() => response.socket?.destroy());
    });
    const error = await sendHttpRequest({ ...base, url: origin }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'reset' });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { isTransportTimeout } from '../transport-timeout.js';
import { platform as nodePlatform } from './node.js';
import type { Platform } from './platform-types.js';
import { platform as webPlatform } from './web.js';

let server: Server | undefined;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe.each([
  ['node', nodePlatform],
  ['web', webPlatform],
] as [string, Platform][])('the %s platform', (name, platform) => {
  it('names itself', () => {
    expect(platform.name).toBe(name);
  });

  it('sends a request and reads status, headers and text', async () => {
    const origin = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        response.writeHead(201, { 'X-Request-Id': 'r1', 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ method: request.method, body, type: request.headers['content-type'] }));
      });
    });
    const answer = await platform.send({
      url: `${origin}/x`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"a":"é"}',
      timeoutMs: 5_000,
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('X-REQUEST-ID')).toBe('r1');
    expect(answer.headers.get('x-absent')).toBeNull();
    expect(JSON.parse(answer.text)).toEqual({ method: 'POST', body: '{"a":"é"}', type: 'application/json' });
  });

  it('rejects with a TransportTimeout when no answer comes in time', async () => {
    const origin = await serve(() => {});
    await expect(platform.send({ url: origin, method: 'GET', headers: {}, timeoutMs: 20 })).rejects.toSatisfy(
      isTransportTimeout,
    );
  });

  it("stops when the caller's signal aborts", async () => {
    const origin = await serve(() => {});
    const controller = new AbortController();
    const pending = platform.send({
      url: origin,
      method: 'GET',
      headers: {},
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('node and web platforms hash alike', () => {
  it('give the same SHA-256 and HMAC-SHA256 for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array()), fc.string(), (data, key) => {
        expect([...webPlatform.sha256(data)]).toEqual([...nodePlatform.sha256(data)]);
        expect([...webPlatform.hmacSha256(key, data)]).toEqual([...nodePlatform.hmacSha256(key, data)]);
      }),
    );
  });
});

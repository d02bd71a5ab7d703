import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { postJson } from './fixture-http.js';

let server: http.Server;
let url: string;
let received = 0;

beforeAll(async () => {
  // The first request's socket is closed without an answer, as the emulator does to a stale keep-alive socket.
  server = http.createServer((request, response) => {
    received += 1;
    if (received === 1) {
      request.socket.destroy();
      return;
    }
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"ok"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/things`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('postJson', () => {
  it('repeats a request once on a fresh socket when the server closed the one it used', async () => {
    const answer = await postJson(url, { a: 1 }, z.object({ id: z.string() }));
    expect(answer.body).toEqual({ id: 'ok' });
    expect(received).toBe(2);
  });
});

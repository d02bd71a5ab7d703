import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, rawRequestHonouringRetryAfter } from '../lib/raw-http.js';
import { createCallCounter } from './call-counter.js';

let server: http.Server;
let url: string;
let answered = 0;

beforeAll(async () => {
  // Every other request answers 429 with Retry-After: 0.
  server = http.createServer((request, response) => {
    request.resume();
    answered += 1;
    if (answered % 2 === 1) response.writeHead(429, { 'retry-after': '0' }).end('{}');
    else response.writeHead(201, { location: '/things/1' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/things`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('createCallCounter', () => {
  it('counts node:http and fetch requests and their 429 answers while started, and nothing after stop', async () => {
    answered = 0;
    const counter = createCallCounter();
    counter.start();
    const first = await rawRequest(url, 'POST', {}, 'a=1');
    const second = await rawRequest(url, 'POST', {}, 'a=1');
    const viaFetch = await fetch(url, { method: 'POST', body: 'a=1' });
    await viaFetch.arrayBuffer();
    expect([first.status, second.status, viaFetch.status]).toEqual([429, 201, 429]);
    expect([counter.requests, counter.throttled]).toEqual([3, 2]);
    counter.stop();
    await rawRequest(url, 'POST', {}, 'a=1');
    expect([counter.requests, counter.throttled]).toEqual([3, 2]);
  });
});

describe('createCallCounter round trips', () => {
  it('counts requests in flight together once on the critical path, and starts a new path on resetPath', async () => {
    const counter = createCallCounter();
    counter.start();
    // One request, then two side by side (node:http and fetch), then one more: 4 calls, 3 round trips.
    await rawRequest(url, 'POST', {}, 'a=1');
    await Promise.all([
      rawRequest(url, 'POST', {}, 'a=1'),
      fetch(url, { method: 'POST', body: 'a=1' }).then((response) => response.arrayBuffer()),
    ]);
    await rawRequest(url, 'POST', {}, 'a=1');
    expect([counter.requests, counter.roundTrips]).toEqual([4, 3]);
    counter.resetPath();
    await Promise.all([rawRequest(url, 'POST', {}, 'a=1'), rawRequest(url, 'POST', {}, 'a=1')]);
    expect([counter.requests, counter.roundTrips]).toEqual([6, 1]);
    counter.stop();
  });
});

describe('rawRequestHonouringRetryAfter', () => {
  it('repeats a 429 after its Retry-After and returns the answer that followed', async () => {
    answered = 0;
    const counter = createCallCounter();
    counter.start();
    const answer = await rawRequestHonouringRetryAfter(url, 'POST', {}, 'a=1', 2);
    counter.stop();
    expect([answer.status, answer.location, answer.text]).toEqual([201, '/things/1', '{"ok":true}']);
    expect([counter.requests, counter.throttled]).toEqual([2, 1]);
  });

  it('gives the 429 back once its retries are spent', async () => {
    answered = 0;
    const answer = await rawRequestHonouringRetryAfter(url, 'POST', {}, 'a=1', 0);
    expect(answer.status).toBe(429);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../test/sample-server.test-helpers.js';
import { SAMPLE_CONTENT_SECURITY_POLICY } from './request-guard.js';
import type { RunningSampleServer } from './start-sample-server.js';

let server: RunningSampleServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** A request over real HTTP (Node's fetch sets Host from the URL; extra headers may override it). */
function send(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, init);
}

describe('sample request guard', () => {
  it('serves the page with CSP, nosniff, no framing and no referrer; API answers are not cached', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(SAMPLE_CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const api = await send('/api/info');
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets same-origin page calls and clients without an Origin through', async () => {
    const sameOrigin = await send('/api/create_link_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(sameOrigin.status).not.toBe(403);
    expect(sameOrigin.status).not.toBe(415);
    const curl = await send('/api/create_link_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(curl.status).not.toBe(403);
  });

  it('refuses a cross-site text/plain POST, a cross-origin JSON POST and a cross-site fetch (CSRF)', async () => {
    const textPlain = await send('/api/flows/stripe', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      body: '{"amountCents":100}',
    });
    expect(textPlain.status).toBe(403);
    const noOrigin = await send('/api/flows/stripe', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"amountCents":100}',
    });
    expect(noOrigin.status).toBe(415);
    expect(await noOrigin.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const form = await send('/api/set_access_token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'public_token=x',
    });
    expect(form.status).toBe(415);
    const crossOrigin = await send('/api/flows/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:1' },
      body: '{}',
    });
    expect(crossOrigin.status).toBe(403);
    expect(await crossOrigin.json()).toMatchObject({ error: { code: 'CROSS_ORIGIN' } });
    const crossSite = await send('/api/items/x/reset_login', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('refuses a Host outside the allow-list with 421 and a JSON body (DNS rebinding), reads included', async () => {
    const { port } = new URL(server.url);
    for (const host of [`attacker.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      const { request } = await import('node:http');
      const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const outgoing = request(
          { host: '127.0.0.1', port, path: '/api/items', headers: { host } },
          (incoming) => {
            let text = '';
            incoming.setEncoding('utf8').on('data', (chunk: string) => {
              text += chunk;
            });
            incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text }));
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      });
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'HOST_NOT_ALLOWED' } });
    }
    expect((await send('/api/items')).status).toBe(200);
  });
});

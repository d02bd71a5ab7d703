import { describe, expect, it } from 'vitest';
import { NetworkError } from './errors.js';
import {
  type FetchFunction,
  isRetryableStatus,
  parseJsonText,
  parseRetryAfter,
  sendHttpRequest,
  withoutTrailingSlash,
} from './http.js';
import { silentLogger } from './logger.js';

const base = {
  provider: 'plaid' as const,
  endpoint: '/item/get',
  url: 'https://sandbox.plaid.com/item/get',
  method: 'POST' as const,
  headers: { 'Content-Type': 'application/json' },
  body: '{}',
  timeoutMs: 1000,
  logger: silentLogger,
};

describe('sendHttpRequest', () => {
  it('returns status, headers and text', async () => {
    const fetch: FetchFunction = async (_url, init) => {
      expect(init?.method).toBe('POST');
      expect(init?.body).toBe('{}');
      return new Response('{"ok":true}', { status: 201, headers: { 'X-Request-Id': 'r1' } });
    };
    const response = await sendHttpRequest({ ...base, fetch });
    expect(response.status).toBe(201);
    expect(response.text).toBe('{"ok":true}');
    expect(response.headers.get('x-request-id')).toBe('r1');
  });

  it("logs each answer at debug level to a caller's logger", async () => {
    const lines: { message: string; fields: unknown }[] = [];
    const logger = {
      ...silentLogger,
      debug: (message: string, fields?: unknown) => lines.push({ message, fields }),
    };
    const fetch: FetchFunction = async () => new Response('{}', { status: 200 });
    await sendHttpRequest({ ...base, fetch, logger });
    expect(lines).toEqual([
      {
        message: 'plaid POST /item/get -> 200',
        fields: { provider: 'plaid', endpoint: '/item/get', status: 200, durationMs: expect.any(Number) },
      },
    ]);
  });

  it('maps refused connections to an unreachable NetworkError', async () => {
    const fetch: FetchFunction = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      });
    };
    const error = await sendHttpRequest({ ...base, fetch }).catch((e: unknown) => e);
    expect(NetworkError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'unreachable', isRetryable: true, endpoint: '/item/get' });
  });

  it('times out a hanging request', async () => {
    const fetch: FetchFunction = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const error = await sendHttpRequest({ ...base, fetch, timeoutMs: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'timeout' });
  });

  it('reports a caller abort as aborted (not retryable)', async () => {
    const controller = new AbortController();
    const fetch: FetchFunction = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        controller.abort();
      });
    const error = await sendHttpRequest({ ...base, fetch, signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'NetworkError', reason: 'aborted', isRetryable: false });
  });
});

describe('helpers', () => {
  it('parseJsonText never throws', () => {
    expect(parseJsonText('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonText('<html>')).toEqual({ ok: false });
    expect(parseJsonText('  ')).toEqual({ ok: false });
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('isRetryableStatus and withoutTrailingSlash', () => {
    expect([408, 429, 500, 503].map(isRetryableStatus)).toEqual([true, true, true, true]);
    expect([400, 401, 404, 409].map(isRetryableStatus)).toEqual([false, false, false, false]);
    expect(withoutTrailingSlash('http://127.0.0.1:4010/plaid/')).toBe('http://127.0.0.1:4010/plaid');
    expect(withoutTrailingSlash('https://sandbox.plaid.com')).toBe('https://sandbox.plaid.com');
  });
});

import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type {
  HeaderView,
  PendingTimeout,
  TransportAnswer,
  TransportRequest,
} from './platform/platform-types.js';
import { TransportTimeout } from './transport-timeout.js';

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

/** A light view of Node's parsed headers (already lowercase): no `Headers` object is built. */
export function nodeHeaderView(headers: IncomingHttpHeaders): HeaderView {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * Reads the whole (decoded) answer as UTF-8 text and passes it to `onText`, or the first stream error to
 * `onError` (never both, never twice). Callbacks rather than a promise: the caller settles its own.
 */
function readText(
  response: IncomingMessage,
  onText: (text: string) => void,
  onError: (error: Error) => void,
): void {
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let done = false;
  const fail = (error: Error): void => {
    if (done) return;
    done = true;
    onError(error);
  };
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => {
    if (done) return;
    done = true;
    // A small answer arrives in one chunk: decoded as is, without Buffer.concat's copy.
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    onText(body.toString('utf8'));
  });
  stream.on('error', fail);
  if (stream !== response) response.on('error', fail);
  response.on('aborted', () =>
    fail(Object.assign(new Error('the response was cut off'), { code: 'ECONNRESET' })),
  );
}

function abortError(): Error {
  return Object.assign(new Error('the request was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

/**
 * Sends one request with Node's own HTTP client (the shared keep-alive `globalAgent` of node:http or
 * node:https) and reads the whole answer as text, decoding gzip/deflate/br. Costs about a third of the
 * CPU of `fetch` per request. The deadline is one entry in `scheduleTimeout`'s shared mechanism and the
 * caller's signal (if any) is listened to directly: no AbortController or timer per request. Never
 * retries; socket errors reject with Node's error (`code` set), the deadline with `TransportTimeout`.
 */
export function sendWithNodeHttp(
  request: TransportRequest,
  scheduleTimeout: (ms: number, onTimeout: () => void) => PendingTimeout,
): Promise<TransportAnswer> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (error) {
      reject(error);
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new TypeError(`unsupported protocol ${url.protocol}`));
      return;
    }
    let headers = request.headers;
    if (request.body !== undefined && !hasContentLength(headers)) {
      headers = { ...headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
    }
    // Looked up at call time, so tools that patch the modules (nock, msw, proxy agents) see the request.
    const send = secure ? https.request : http.request;
    const agent = secure ? https.globalAgent : http.globalAgent;
    const { signal } = request;
    let settled = false;
    let timedOut = false;
    const finish = (): void => {
      settled = true;
      timeout.cancel();
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      finish();
      reject(timedOut ? new TransportTimeout(request.timeoutMs) : error);
    };
    const outgoing = send(url, { method: request.method, headers, agent }, (response) => {
      readText(
        response,
        (text) => {
          finish();
          resolve({ status: response.statusCode ?? 0, headers: nodeHeaderView(response.headers), text });
        },
        fail,
      );
    });
    const onAbort = (): void => {
      if (!settled) outgoing.destroy(abortError());
    };
    const timeout = scheduleTimeout(request.timeoutMs, () => {
      if (settled) return;
      timedOut = true;
      outgoing.destroy(new TransportTimeout(request.timeoutMs));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    outgoing.once('error', fail);
    outgoing.end(request.body);
  });
}

function hasContentLength(headers: Record<string, string>): boolean {
  for (const name in headers) if (name.length === 14 && name.toLowerCase() === 'content-length') return true;
  return false;
}

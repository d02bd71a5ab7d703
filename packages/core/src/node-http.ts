import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One request for `sendWithNodeHttp`. */
export interface NodeHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Destroys the request (and its socket) when aborted. */
  signal: AbortSignal;
}

/** What `sendWithNodeHttp` resolves with: the status, the headers as a fetch `Headers`, the body as text. */
export interface NodeHttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip());
  if (encoding === 'deflate') return response.pipe(createInflate());
  if (encoding === 'br') return response.pipe(createBrotliDecompress());
  return response;
}

function toHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) {
    headers.append(raw[index] as string, raw[index + 1] as string);
  }
  return headers;
}

function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const stream = decoded(response);
    const chunks: Buffer[] = [];
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.once('error', fail);
    if (stream !== response) response.once('error', fail);
    response.once('aborted', () =>
      fail(Object.assign(new Error('the response was cut off'), { code: 'ECONNRESET' })),
    );
  });
}

/**
 * Sends one request with Node's own HTTP client (the shared keep-alive `globalAgent` of node:http or
 * node:https) and reads the whole answer as text, decoding gzip/deflate/br. Costs about a third of the
 * CPU of `fetch` per request. Never retries; socket errors reject with Node's error (`code` set).
 */
export function sendWithNodeHttp(request: NodeHttpRequest): Promise<NodeHttpAnswer> {
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
    const headers: Record<string, string> = { ...request.headers };
    if (
      request.body !== undefined &&
      !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')
    ) {
      headers['Content-Length'] = String(Buffer.byteLength(request.body));
    }
    // Looked up at call time, so tools that patch the modules (nock, msw, proxy agents) see the request.
    const send = secure ? https.request : http.request;
    const agent = secure ? https.globalAgent : http.globalAgent;
    const outgoing = send(
      url,
      { method: request.method, headers, agent, signal: request.signal },
      (response) => {
        readText(response).then(
          (text) =>
            resolve({ status: response.statusCode ?? 0, headers: toHeaders(response.rawHeaders), text }),
          reject,
        );
      },
    );
    outgoing.once('error', reject);
    outgoing.end(request.body);
  });
}

import { Buffer } from 'node:buffer';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { clearTimeout, setTimeout } from 'node:timers';

/** One webhook POST to send. */
export interface WebhookPostRequest {
  url: URL;
  body: string;
  headers: Record<string, string>;
  /** How long the receiver may take to answer (status line and headers). */
  timeoutMs: number;
  /** Aborts the POST (emulator reset or close). */
  signal: AbortSignal;
}

/** What came of one POST: an answer with a status, no answer in time, or a transport failure. */
export type WebhookPostResult =
  | { kind: 'answered'; status: number }
  | { kind: 'timeout' }
  | { kind: 'failed'; message: string };

/** Sends one webhook POST; never rejects. */
export type WebhookPost = (request: WebhookPostRequest) => Promise<WebhookPostResult>;

/**
 * POSTs a webhook with node:http(s), without keep-alive (no pooled sockets keep the receiver's server
 * open). The answer counts once its status line arrives; the rest of the response is drained.
 */
export const postWebhook: WebhookPost = (request) =>
  new Promise((resolve) => {
    const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const outgoing = send(request.url, {
      method: 'POST',
      agent: false,
      headers: {
        ...request.headers,
        'content-length': String(Buffer.byteLength(request.body)),
        connection: 'close',
      },
    });
    const finish = (result: WebhookPostResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      outgoing.destroy();
    }, request.timeoutMs);
    outgoing.on('error', (error) => finish({ kind: 'failed', message: error.message }));
    const onAbort = (): void => {
      finish({ kind: 'failed', message: 'cancelled' });
      outgoing.destroy();
    };
    if (request.signal.aborted) {
      onAbort();
      return;
    }
    request.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('close', () => request.signal.removeEventListener('abort', onAbort));
    outgoing.on('response', (incoming) => {
      finish({ kind: 'answered', status: incoming.statusCode ?? 0 });
      incoming.on('error', () => outgoing.destroy());
      incoming.resume();
    });
    outgoing.end(request.body);
  });

import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook request as the test receiver got it. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body bytes. */
  body: Buffer;
}

/** How the receiver answers its n-th request (0-based): an HTTP status, or `hang` (never answer). */
export type ReceiverAnswer = (index: number) => number | 'hang';

/** A local HTTP server that records webhook requests. */
export interface TestReceiver {
  /** Base URL, e.g. `http://127.0.0.1:53817`; any path is accepted. */
  readonly url: string;
  /** Requests in arrival order. */
  readonly requests: ReceivedWebhook[];
  /** Resolves once at least `count` requests arrived. */
  waitFor(count: number): Promise<ReceivedWebhook[]>;
  /** Stops the server and drops open (hanging) connections. */
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 and a free port; by default it answers 200 to everything. */
export async function startTestReceiver(answer: ReceiverAnswer = () => 200): Promise<TestReceiver> {
  const requests: ReceivedWebhook[] = [];
  let waiters: Array<{ count: number; resolve: (value: ReceivedWebhook[]) => void }> = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const index = requests.length;
      requests.push({
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      });
      const ready = waiters.filter((waiter) => requests.length >= waiter.count);
      waiters = waiters.filter((waiter) => requests.length < waiter.count);
      for (const waiter of ready) waiter.resolve([...requests]);
      const status = answer(index);
      if (status === 'hang') return;
      outgoing.writeHead(status, { 'content-type': 'text/plain' });
      outgoing.end(status === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor(count) {
      if (requests.length >= count) return Promise.resolve([...requests]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

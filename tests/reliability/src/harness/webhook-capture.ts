import { Buffer } from 'node:buffer';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook delivery exactly as received. */
export interface CapturedDelivery {
  body: Buffer;
  headers: IncomingHttpHeaders;
}

/** A webhook receiver on 127.0.0.1 that answers 200 and keeps every delivery's raw body and headers. */
export async function startWebhookCapture() {
  const deliveries: CapturedDelivery[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks), headers: incoming.headers });
      outgoing.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/plaid`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

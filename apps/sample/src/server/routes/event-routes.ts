import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { PublishedEvent } from '../../events/event-hub.js';
import type { SampleAppDeps } from '../app-deps.js';

/** How often an idle event stream gets a comment line, so proxies keep it open. */
export const KEEPALIVE_MS = 15_000;

/** `GET /api/events`: Server-Sent Events with progress steps and verified webhooks (recent webhooks replayed). */
export function registerEventRoutes(app: Hono, deps: SampleAppDeps): void {
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const send = (published: PublishedEvent) =>
        stream.writeSSE({
          id: String(published.id),
          event: published.event.type,
          data: JSON.stringify(published.event),
        });
      await stream.write(': connected\n\n');
      for (const published of deps.events.history()) await send(published);
      const unsubscribe = deps.events.subscribe((published) => {
        send(published).catch(() => {});
      });
      await new Promise<void>((resolve) => {
        const keepalive = setInterval(() => {
          stream.write(': keepalive\n\n').catch(() => {});
        }, KEEPALIVE_MS);
        keepalive.unref();
        stream.onAbort(() => {
          clearInterval(keepalive);
          unsubscribe();
          resolve();
        });
      });
    }),
  );
}

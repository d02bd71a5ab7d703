import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { PublishedEvent } from '../../events/event-hub.js';
import type { SampleAppDeps } from '../app-deps.js';
import { parseRouteArgs } from '../route-args.js';

/** How often an idle event stream gets a comment line, so proxies keep it open. */
export const KEEPALIVE_MS = 15_000;

/** `GET /api/events`: Server-Sent Events with progress steps and verified webhooks (recent webhooks replayed). */
export function registerEventRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerEventRoutes', app, deps);
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      // Writes go out one after another; history and subscription are taken together so nothing is lost.
      let queue: Promise<void> = stream.write(': connected\n\n').then(() => {});
      const enqueue = (published: PublishedEvent) => {
        queue = queue
          .then(() =>
            stream.writeSSE({
              id: String(published.id),
              event: published.event.type,
              data: JSON.stringify(published.event),
            }),
          )
          .catch(() => {});
      };
      const past = deps.events.history();
      const unsubscribe = deps.events.subscribe(enqueue);
      for (const published of past) enqueue(published);
      await new Promise<void>((resolve) => {
        const keepalive = setInterval(() => {
          queue = queue
            .then(() => stream.write(': keepalive\n\n'))
            .then(
              () => {},
              () => {},
            );
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

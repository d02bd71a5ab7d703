import type { Hono } from 'hono';
import { readItemHealth, runReconnectFlow, runResetLoginFlow } from '../../flows/item-health-flows.js';
import type { SampleAppDeps } from '../app-deps.js';
import { readObjectBody } from '../read-json-body.js';
import { parseRouteArgs } from '../route-args.js';

/** `/api/items`: the linked Items (never their tokens), their health, reset_login and update-mode reconnect. */
export function registerItemRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerItemRoutes', app, deps);
  const healthDeps = () => ({ providers: deps.providers, items: deps.items });

  app.get('/api/items', async (c) => c.json({ items: await deps.items.list(), durable: deps.items.durable }));

  app.get('/api/items/:itemId', async (c) => c.json(await deps.items.get(c.req.param('itemId'))));

  app.get('/api/items/:itemId/health', async (c) =>
    c.json(await readItemHealth(healthDeps(), c.req.param('itemId'))),
  );

  app.post('/api/items/:itemId/reset_login', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runResetLoginFlow(
      healthDeps(),
      { ...body, itemId: c.req.param('itemId') } as Parameters<typeof runResetLoginFlow>[1],
      (event) => deps.events.publish(event),
    );
    return c.json(outcome, outcome.status);
  });

  app.post('/api/items/:itemId/reconnect', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runReconnectFlow(
      healthDeps(),
      { ...body, itemId: c.req.param('itemId') } as Parameters<typeof runReconnectFlow>[1],
      (event) => deps.events.publish(event),
    );
    return c.json(outcome, outcome.status);
  });
}

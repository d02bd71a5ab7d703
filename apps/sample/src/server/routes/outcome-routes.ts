import type { Hono } from 'hono';
import { createSampleOutcomes, type SampleOutcomes } from '../../outcomes/sample-outcomes.js';
import type { SampleAppDeps } from '../app-deps.js';
import { readObjectBody } from '../read-json-body.js';
import { parseRouteArgs } from '../route-args.js';

/**
 * `/api/outcomes/:provider/:paymentId`: a payment's outcome as it moves (`GET` reads it now), `POST …/settle`
 * (emulator: 4 days on the clock) and `POST …/return` with `{ code: 'R01' }` (emulator: the bank returns it).
 */
export function registerOutcomeRoutes(app: Hono, deps: SampleAppDeps, outcomes?: SampleOutcomes): void {
  parseRouteArgs('registerOutcomeRoutes', app, deps);
  const tracked = outcomes ?? createSampleOutcomes(deps.providers);

  app.get('/api/outcomes/:provider/:paymentId', async (c) =>
    c.json(await tracked.observe(c.req.param('provider'), c.req.param('paymentId'))),
  );

  app.post('/api/outcomes/:provider/:paymentId/settle', async (c) => {
    await readObjectBody(c);
    return c.json(await tracked.settle(c.req.param('provider'), c.req.param('paymentId')));
  });

  app.post('/api/outcomes/:provider/:paymentId/return', async (c) => {
    const body = await readObjectBody(c);
    const code = body['code'] === undefined ? 'R01' : body['code'];
    return c.json(
      await tracked.simulateReturn(c.req.param('provider'), c.req.param('paymentId'), code as string),
    );
  });
}

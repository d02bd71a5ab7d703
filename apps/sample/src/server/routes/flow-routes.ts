import type { Hono } from 'hono';
import { DEMO_CUSTOMER } from '../../flows/demo-customer.js';
import { SAMPLE_PROCESSORS } from '../../processors/registry.js';
import type { SampleAppDeps } from '../app-deps.js';
import { clientContext } from '../client-context.js';
import { readObjectBody } from '../read-json-body.js';
import { parseRouteArgs } from '../route-args.js';

/**
 * `/api/flows/<slug>` for every registered processor (e.g. `/api/flows/modern-treasury`): the flow's outcome with
 * the card's `summary` and `payment` on success; plus each processor's own routes (Stripe's payment status and
 * simulated settlement).
 */
export function registerFlowRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerFlowRoutes', app, deps);
  const publish = (event: Parameters<SampleAppDeps['events']['publish']>[0]) => {
    deps.events.publish(event);
  };

  for (const processor of SAMPLE_PROCESSORS) {
    app.post(`/api/flows/${processor.slug}`, async (c) => {
      const body = await readObjectBody(c);
      const outcome = await processor.flow.run(
        deps,
        { customer: DEMO_CUSTOMER, ...body, acceptance: clientContext(c) },
        publish,
      );
      const view = outcome.ok && outcome.result !== null ? processor.flow.view(outcome.result) : null;
      return c.json(
        { ...outcome, summary: view?.summary ?? null, payment: view?.payment ?? null },
        outcome.status,
      );
    });
    processor.routes?.(app, deps);
  }
}

import { parseInput } from '@achbridge/core';
import type { Hono } from 'hono';
import { z } from 'zod';
import { DEMO_CUSTOMER } from '../../flows/demo-customer.js';
import { runDwollaFlow } from '../../flows/dwolla-flow.js';
import { runModernTreasuryFlow } from '../../flows/modern-treasury-flow.js';
import { runSettleFlow } from '../../flows/settle-flow.js';
import { requireStripe, runStripeFlow } from '../../flows/stripe-flow.js';
import type { SampleAppDeps } from '../app-deps.js';
import { clientContext } from '../client-context.js';
import { readObjectBody } from '../read-json-body.js';
import { parseRouteArgs } from '../route-args.js';

const paymentIdSchema = z.object({
  paymentIntentId: z.string().regex(/^pi_[A-Za-z0-9]+$/, 'must be a Stripe PaymentIntent id (pi_...)'),
});

/** `/api/flows/stripe`, `/api/flows/dwolla`, `/api/flows/modern-treasury`, and the payment routes (status, simulated settlement). */
export function registerFlowRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerFlowRoutes', app, deps);
  const publish = (event: Parameters<SampleAppDeps['events']['publish']>[0]) => {
    deps.events.publish(event);
  };

  app.post('/api/flows/stripe', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runStripeFlow(
      deps,
      {
        customer: DEMO_CUSTOMER,
        ...body,
        acceptance: clientContext(c),
      } as Parameters<typeof runStripeFlow>[1],
      publish,
    );
    return c.json(outcome, outcome.status);
  });

  app.post('/api/flows/dwolla', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runDwollaFlow(
      deps,
      { customer: DEMO_CUSTOMER, ...body } as Parameters<typeof runDwollaFlow>[1],
      publish,
    );
    return c.json(outcome, outcome.status);
  });

  app.post('/api/flows/modern-treasury', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runModernTreasuryFlow(
      deps,
      { customer: DEMO_CUSTOMER, ...body } as Parameters<typeof runModernTreasuryFlow>[1],
      publish,
    );
    return c.json(outcome, outcome.status);
  });

  app.get('/api/payments/:paymentIntentId', async (c) => {
    const { paymentIntentId } = parseInput('GET /api/payments/:paymentIntentId', paymentIdSchema, {
      paymentIntentId: c.req.param('paymentIntentId'),
    });
    return c.json(await requireStripe(deps.providers).getPayment(paymentIntentId));
  });

  app.post('/api/payments/:paymentIntentId/settle', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runSettleFlow(
      deps,
      { ...body, paymentIntentId: c.req.param('paymentIntentId') } as Parameters<typeof runSettleFlow>[1],
      publish,
    );
    return c.json(outcome, outcome.status);
  });
}

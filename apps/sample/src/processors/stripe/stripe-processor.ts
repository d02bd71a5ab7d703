import { parseInput, registerSecret } from '@achbridge/core';
import { DEFAULT_CREDENTIALS } from '@achbridge/emulator';
import {
  createStripeAdapter,
  type StripeAdapter,
  stripePaymentOutcome,
  stripeRequirements,
} from '@achbridge/stripe';
import type { Hono } from 'hono';
import { z } from 'zod';
import { describeOutcomeView } from '../../outcomes/describe-outcome-view.js';
import type { SampleAppDeps } from '../../server/app-deps.js';
import { readObjectBody } from '../../server/read-json-body.js';
import { recordedTransport } from '../recorded-transport.js';
import type { ReadVariable, SampleProcessor } from '../sample-processor.js';
import { runSettleFlow, SETTLE_FLOW_STEPS } from './settle-flow.js';
import { requireStripe, runStripeFlow, STRIPE_FLOW_STEPS, type StripeFlowResult } from './stripe-flow.js';

const paymentIntentId = z.string().regex(/^pi_[A-Za-z0-9]+$/, 'must be a Stripe PaymentIntent id (pi_...)');

/** Checks STRIPE_SECRET_KEY: a test mode secret or restricted key; a live or publishable key is refused. */
function readStripeKey(variable: ReadVariable, problems: string[]): string | undefined {
  const key = variable('STRIPE_SECRET_KEY');
  if (key === undefined) return undefined;
  registerSecret(key);
  if (/^(?:sk|rk)_test_\S+$/.test(key)) return key;
  if (/^(?:sk|rk)_live_/.test(key)) {
    problems.push(
      'STRIPE_SECRET_KEY is a live mode key (sk_live_/rk_live_). Plaid Sandbox bank account tokens belong to Stripe test mode, ' +
        'so the sample only accepts a test mode key: copy sk_test_... (or rk_test_...) from the Stripe Dashboard with "Test mode" on.',
    );
  } else if (/^pk_/.test(key)) {
    problems.push(
      'STRIPE_SECRET_KEY is a publishable key (pk_...). Server calls need a secret test key (sk_test_...) or restricted test key (rk_test_...).',
    );
  } else {
    problems.push(
      'STRIPE_SECRET_KEY is not a Stripe secret key: expected a value starting with sk_test_ or rk_test_.',
    );
  }
  return undefined;
}

/** `GET /api/payments/:paymentIntentId` and `POST …/settle` (the Stripe card's "Simulate settlement"). */
function registerStripePaymentRoutes(app: Hono, deps: SampleAppDeps): void {
  app.get('/api/payments/:paymentIntentId', async (c) => {
    const parsed = parseInput('GET /api/payments/:paymentIntentId', z.object({ paymentIntentId }), {
      paymentIntentId: c.req.param('paymentIntentId'),
    });
    return c.json(await requireStripe(deps.providers).getPayment(parsed.paymentIntentId));
  });
  app.post('/api/payments/:paymentIntentId/settle', async (c) => {
    const body = await readObjectBody(c);
    const outcome = await runSettleFlow(
      deps,
      { ...body, paymentIntentId: c.req.param('paymentIntentId') } as Parameters<typeof runSettleFlow>[1],
      (event) => deps.events.publish(event),
    );
    return c.json(outcome, outcome.status);
  });
}

/** Stripe (test mode): btok → customer with bank account → mandate → $1.00 ACH payment. */
export const stripeProcessor: SampleProcessor<StripeAdapter, string, StripeFlowResult> = {
  key: 'stripe',
  slug: 'stripe',
  label: 'Stripe',
  environment: 'test mode',
  hint: "btok → customer bank account (Stripe's test bank ••6789) → mandate → $1.00 ACH payment.",
  requirements: stripeRequirements,
  keys: {
    variables: ['STRIPE_SECRET_KEY'],
    read: readStripeKey,
    missing:
      'Set STRIPE_SECRET_KEY to a Stripe test mode key (sk_test_...) of the Stripe account linked to your Plaid account (Plaid Dashboard > Integrations).',
  },
  createClient(context, key) {
    const secretKey = context.emulatorUrl === undefined ? key : DEFAULT_CREDENTIALS.stripe.secretKey;
    if (secretKey === undefined) return undefined;
    return createStripeAdapter({
      plaid: context.plaid,
      stripe: {
        secretKey,
        // Each call is recorded for the running flow, as for Plaid, Dwolla and Modern Treasury.
        ...recordedTransport(context, 'stripe'),
      },
      ...(context.retry === undefined ? {} : { retry: context.retry }),
      ...(context.store === undefined ? {} : { store: context.store }),
    });
  },
  flow: {
    steps: STRIPE_FLOW_STEPS,
    run: (deps, input, listener) =>
      runStripeFlow(deps, input as Parameters<typeof runStripeFlow>[1], listener),
    view: (result) => ({
      summary:
        `${result.created ? 'Linked' : 'Already linked (created: false)'}: ${result.customerId}, bank account ` +
        `${result.bankAccount.id} ••${result.bankAccount.last4} (${result.bankAccount.status}). ` +
        `Payment ${result.payment.paymentIntentId}: ${result.payment.status}.`,
      payment: { id: result.payment.paymentIntentId, status: result.payment.status },
    }),
  },
  async demo({ providers, items, input, listener, write, outcomes, fail }) {
    const outcome = await runStripeFlow({ providers, items }, input, listener);
    if (!outcome.ok || outcome.result === null) return fail(outcome);
    const paymentId = outcome.result.payment.paymentIntentId;
    await outcomes.observe('stripe', paymentId);
    let status = outcome.result.payment.status;
    if (providers.emulator !== undefined && status === 'processing') {
      write('\nSettlement\n');
      const settled = await runSettleFlow(
        { providers },
        { runId: 'demo-settle', paymentIntentId: paymentId },
        listener,
      );
      if (!settled.ok || settled.result === null) return fail(settled);
      status = settled.result.status;
    }
    write(`\nDone: payment ${paymentId} is ${status}.\n`);
    write(`${describeOutcomeView(await outcomes.observe('stripe', paymentId))}\n`);
    return 0;
  },
  outcomes: {
    paymentId: paymentIntentId,
    read: async (providers, id) => stripePaymentOutcome(await requireStripe(providers).getPayment(id)),
    returnPayment: (control, id, code) => control.returnPayment({ provider: 'stripe', paymentId: id, code }),
    settleControl: false,
    returnableStatuses: ['processing'],
  },
  routes: registerStripePaymentRoutes,
  extraSteps: { settle: SETTLE_FLOW_STEPS },
};

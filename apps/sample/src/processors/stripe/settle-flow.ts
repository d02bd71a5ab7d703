import { parseInput } from '@achbridge/core';
import type { PaymentSummary } from '@achbridge/stripe';
import { z } from 'zod';
import { type FlowOutcome, runFlow, runIdOf } from '../../flows/flow-outcome.js';
import { runIdSchema } from '../../flows/flow-schemas.js';
import type { StepDefinition, StepListener } from '../../flows/step-runner.js';
import type { SampleProviders } from '../../providers/sample-providers.js';
import { requireStripe } from './stripe-flow.js';

/** How far "simulate settlement" moves the emulator clock: the emulator settles ACH debits after 4 days. */
export const SETTLEMENT_ADVANCE_MS = 4 * 24 * 60 * 60 * 1000;

/** The settlement flow's steps. */
export const SETTLE_FLOW_STEPS: readonly StepDefinition[] = [
  { id: 'clock', label: 'Advance the emulator clock 4 days (ACH settlement time)' },
  { id: 'status', label: 'Read the PaymentIntent status (Stripe)' },
];

/** Input of the settlement flow. */
export const settleFlowInputSchema = z.object({
  runId: runIdSchema,
  paymentIntentId: z
    .string({ error: 'is required' })
    .trim()
    .regex(/^pi_[A-Za-z0-9]+$/, 'must be a Stripe PaymentIntent id (pi_...)'),
});

/**
 * Settles a test ACH payment: in emulator mode advances the emulator clock past the settlement delay, then
 * reads the PaymentIntent (`succeeded` for Stripe's test bank). Against real Stripe only the read runs.
 */
export async function runSettleFlow(
  deps: { providers: SampleProviders },
  input: z.input<typeof settleFlowInputSchema>,
  listener: StepListener,
  onClockAdvanced: (offsetMs: number) => void = () => {},
): Promise<FlowOutcome<PaymentSummary>> {
  const runId = runIdOf(input);
  return runFlow({ runId, flow: 'settle', steps: SETTLE_FLOW_STEPS, listener }, async (runner) => {
    const parsed = parseInput('runSettleFlow', settleFlowInputSchema, input);
    const stripe = requireStripe(deps.providers);
    const emulator = deps.providers.emulator;
    if (emulator === undefined) {
      runner.skip(
        'clock',
        'Real Stripe test mode settles ACH payments on its own schedule; only the status is read.',
      );
    } else {
      await runner.run('clock', async () => {
        const clock = await emulator.control.advanceClock(SETTLEMENT_ADVANCE_MS);
        onClockAdvanced(clock.offsetMs);
        return {
          value: clock,
          detail: `Emulated time is now ${clock.now} (${Math.round(clock.offsetMs / 86_400_000)} days ahead).`,
        };
      });
    }
    return runner.run('status', async () => {
      const payment = await stripe.getPayment(parsed.paymentIntentId);
      const failure = payment.lastPaymentError?.message ? ` (${payment.lastPaymentError.message})` : '';
      return {
        value: payment,
        detail: `PaymentIntent ${payment.paymentIntentId}: ${payment.status}${failure}.`,
      };
    });
  });
}

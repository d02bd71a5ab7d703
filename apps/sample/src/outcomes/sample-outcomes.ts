import {
  createPaymentOutcomeTracker,
  type PaymentOutcome,
  type PaymentOutcomeStatus,
  type PaymentOutcomeUpdate,
  parseInput,
} from '@achbridge/core';
import { dwollaTransferOutcome } from '@achbridge/dwolla';
import { EmulatorControlError } from '@achbridge/emulator';
import { stripePaymentOutcome } from '@achbridge/stripe';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import { requireDwolla } from '../flows/dwolla-flow.js';
import { requireStripe } from '../flows/stripe-flow.js';
import type { SampleProviders } from '../providers/sample-providers.js';

/** How far "simulate settlement" moves the emulator clock: both emulated processors settle within 4 days. */
export const OUTCOME_SETTLEMENT_ADVANCE_MS = 4 * 24 * 60 * 60 * 1000;

/** A payment's outcome as the page shows it: the current outcome and every status it moved through. */
export interface OutcomeView {
  provider: 'stripe' | 'dwolla';
  paymentId: string;
  /** The current outcome, with the return code's catalog entry when it failed by a return. */
  outcome: PaymentOutcome | null;
  /** The statuses in the order they were seen (each change once). */
  history: PaymentOutcomeStatus[];
}

/** Reads payments, folds them into one outcome each, and simulates settlement and returns on the emulator. */
export interface SampleOutcomes {
  /** Reads the payment now and applies what the processor says. */
  observe(provider: string, paymentId: string): Promise<OutcomeView>;
  /** Emulator: advances the clock past settlement, then reads. Real sandboxes: reads only. */
  settle(provider: string, paymentId: string): Promise<OutcomeView>;
  /** Emulator only: the bank returns the payment with `code` (via the emulator's control API), then reads. */
  simulateReturn(provider: string, paymentId: string, code: string): Promise<OutcomeView>;
}

const keySchema = z.discriminatedUnion(
  'provider',
  [
    z.object({
      provider: z.literal('stripe'),
      paymentId: z.string().regex(/^pi_[A-Za-z0-9]+$/, 'must be a Stripe PaymentIntent id (pi_...)'),
    }),
    z.object({
      provider: z.literal('dwolla'),
      paymentId: z
        .string()
        .regex(
          /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
          'must be a Dwolla transfer id',
        )
        .transform((id) => id.toLowerCase()),
    }),
  ],
  { error: "must be 'stripe' or 'dwolla'" },
);
const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^R\d{2}$/, 'must be an ACH return code such as R01'),
});

/** Creates the sample's outcome tracking over its providers (in memory, like the rest of the sample's state). */
export function createSampleOutcomes(providers: SampleProviders): SampleOutcomes {
  parseInput('createSampleOutcomes', z.looseObject({ mode: z.string() }), providers);
  const tracker = createPaymentOutcomeTracker();
  const history = new Map<string, PaymentOutcomeStatus[]>();
  const keyOf = (provider: string, paymentId: string) => JSON.stringify([provider, paymentId]);
  tracker.subscribe(({ current }) => {
    const key = keyOf(current.provider, current.paymentId);
    history.set(key, [...(history.get(key) ?? []), current.status]);
  });

  async function read(key: z.output<typeof keySchema>): Promise<PaymentOutcomeUpdate> {
    if (key.provider === 'stripe') {
      return stripePaymentOutcome(await requireStripe(providers).getPayment(key.paymentId));
    }
    const transfer = await requireDwolla(providers).getTransfer(key.paymentId);
    const update = dwollaTransferOutcome(transfer);
    if (update === undefined) {
      throw new SampleError(
        409,
        'UNKNOWN_TRANSFER_STATUS',
        `Transfer ${transfer.id} is '${transfer.status}'.`,
      );
    }
    return update;
  }

  async function observeKey(key: z.output<typeof keySchema>): Promise<OutcomeView> {
    await tracker.apply(await read(key));
    return {
      provider: key.provider,
      paymentId: key.paymentId,
      outcome: (await tracker.get(key)) ?? null,
      history: history.get(keyOf(key.provider, key.paymentId)) ?? [],
    };
  }

  const emulatorOf = (action: string) => {
    if (providers.emulator === undefined) {
      throw new SampleError(
        409,
        'EMULATOR_ONLY',
        `${action} needs the emulator; real sandboxes move on their own.`,
      );
    }
    return providers.emulator;
  };

  return {
    observe: (provider, paymentId) => observeKey(parseInput('observe', keySchema, { provider, paymentId })),
    async settle(provider, paymentId) {
      const key = parseInput('settle', keySchema, { provider, paymentId });
      if (providers.emulator !== undefined)
        await providers.emulator.control.advanceClock(OUTCOME_SETTLEMENT_ADVANCE_MS);
      return observeKey(key);
    },
    async simulateReturn(provider, paymentId, code) {
      const key = parseInput('simulateReturn', keySchema, { provider, paymentId });
      const parsed = parseInput('simulateReturn', codeSchema, { code });
      const emulator = emulatorOf('Simulating a return');
      // Record where the payment stands first, so the page shows the move to `failed`.
      await observeKey(key);
      try {
        await emulator.control.returnPayment({
          provider: key.provider,
          paymentId: key.paymentId,
          code: parsed.code,
        });
      } catch (error) {
        if (error instanceof EmulatorControlError && error.status === 409) {
          throw new SampleError(409, 'NOT_RETURNABLE', error.message);
        }
        throw error;
      }
      return observeKey(key);
    },
  };
}

/** One line for the CLI: `Outcome of <id>: pending → succeeded.`, with the return code's category when it failed. */
export function describeOutcomeView(view: OutcomeView): string {
  const path = view.history.length > 0 ? view.history.join(' → ') : (view.outcome?.status ?? 'unknown');
  const entry = view.outcome?.achReturn;
  const ret =
    view.outcome?.returnCode === undefined
      ? ''
      : ` Return ${view.outcome.returnCode}${entry ? ` (${entry.meaning}; ${entry.category}${entry.retryable ? '' : ', never retry automatically'})` : ''}.`;
  return `Outcome of ${view.paymentId}: ${path}.${ret}`;
}

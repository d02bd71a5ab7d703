import {
  createPaymentOutcomeTracker,
  InputValidationError,
  type PaymentOutcome,
  type PaymentOutcomeStatus,
  parseInput,
} from '@achbridge/core';
import { EmulatorControlError } from '@achbridge/emulator';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import { processorByKey, SAMPLE_PROCESSORS } from '../processors/registry.js';
import type { SampleProcessor } from '../processors/sample-processor.js';
import type { SampleProviders } from '../providers/sample-providers.js';

/** How far "simulate settlement" moves the emulator clock: both emulated processors settle within 4 days. */
export const OUTCOME_SETTLEMENT_ADVANCE_MS = 4 * 24 * 60 * 60 * 1000;

/** A payment's outcome as the page shows it: the current outcome and every status it moved through. */
export interface OutcomeView {
  /** The processor's key, e.g. `stripe`. */
  provider: string;
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

const keyInputSchema = z.object({ provider: z.string(), paymentId: z.string() });

/** A processor with payment outcomes and its validated payment id, or a field-named input error. */
function parseKey(
  operation: string,
  provider: string,
  paymentId: string,
): { processor: SampleProcessor; outcomes: NonNullable<SampleProcessor['outcomes']>; paymentId: string } {
  const given = parseInput(operation, keyInputSchema, { provider, paymentId });
  const processor = processorByKey(given.provider);
  const outcomes = processor?.outcomes;
  if (processor === undefined || outcomes === undefined) {
    const names = SAMPLE_PROCESSORS.filter((entry) => entry.outcomes !== undefined).map(
      (entry) => `'${entry.key}'`,
    );
    throw new InputValidationError(operation, [
      { path: 'provider', message: `must be ${names.join(' or ')}` },
    ]);
  }
  const parsed = parseInput(operation, z.object({ paymentId: outcomes.paymentId }), {
    paymentId: given.paymentId,
  });
  return { processor, outcomes, paymentId: parsed.paymentId };
}
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

  async function observeKey(key: ReturnType<typeof parseKey>): Promise<OutcomeView> {
    await tracker.apply(await key.outcomes.read(providers, key.paymentId));
    const provider = key.processor.key;
    return {
      provider,
      paymentId: key.paymentId,
      outcome: (await tracker.get({ provider, paymentId: key.paymentId })) ?? null,
      history: history.get(keyOf(provider, key.paymentId)) ?? [],
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
    observe: (provider, paymentId) => observeKey(parseKey('observe', provider, paymentId)),
    async settle(provider, paymentId) {
      const key = parseKey('settle', provider, paymentId);
      if (providers.emulator !== undefined)
        await providers.emulator.control.advanceClock(OUTCOME_SETTLEMENT_ADVANCE_MS);
      return observeKey(key);
    },
    async simulateReturn(provider, paymentId, code) {
      const key = parseKey('simulateReturn', provider, paymentId);
      const parsed = parseInput('simulateReturn', codeSchema, { code });
      const emulator = emulatorOf('Simulating a return');
      // Record where the payment stands first, so the page shows the move to `failed`.
      await observeKey(key);
      try {
        await key.outcomes.returnPayment(emulator.control, key.paymentId, parsed.code);
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

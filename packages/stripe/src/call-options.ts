import { lazySchema, parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import { signalSchema } from './input-schemas.js';

/** Per-call options of the Stripe adapter's methods (their second argument), as for every achbridge client. */
export interface StripeCallOptions {
  /** Aborts the call and any pending retry at once. */
  signal?: AbortSignal | undefined;
}

/** Validates a method's second argument: nothing, or `{ signal? }`. */
export const callOptionsSchema = lazySchema(() => z.strictObject({ signal: signalSchema() }).optional());

/**
 * The input a method runs with: the second argument's `signal`, validated, replaces the deprecated
 * `input.signal` when both are set; without it, `input` is passed on unchanged (and validated by the method).
 */
export function withCallSignal<Input>(operation: string, input: Input, options: unknown): Input {
  const signal = parseInput(operation, callOptionsSchema(), options)?.signal;
  if (signal === undefined || typeof input !== 'object' || input === null) return input;
  return { ...input, signal };
}

import { AchBridgeError } from '@achbridge/core';
import { expect } from 'vitest';

/** Calls `run` (sync or async) and returns its error, or undefined when it returned a value. */
export async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * The property every public function must have: for any input it returns a value or throws an achbridge
 * error (typed, with a code); never a TypeError, RangeError or other crash.
 */
export async function expectValueOrTypedError(label: string, run: () => unknown): Promise<void> {
  const error = await errorOf(run);
  if (error === undefined) return;
  const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  expect(AchBridgeError.isInstance(error), `${label} threw an untyped ${description}`).toBe(true);
}

import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { type DescribedError, describeError, type ErrorBody } from '../errors/describe-error.js';
import { functionSchema } from '../validation/function-schema.js';
import {
  createStepRunner,
  type StepDefinition,
  type StepListener,
  type StepRunner,
  type StepState,
} from './step-runner.js';

/** How a run ended: its steps, and either the result or the error (with the HTTP status to answer). */
export interface FlowOutcome<R> {
  runId: string;
  flow: string;
  ok: boolean;
  steps: StepState[];
  result: R | null;
  error: ErrorBody | null;
  /** 200 on success, else the error's status. */
  status: 200 | DescribedError['status'];
  /**
   * The Item the run worked on, also when it failed after the exchange: the public token is spent then, so a
   * retry must use this Item (`source: { itemId }`) instead of exchanging again.
   */
  itemId: string | null;
}

/** What a flow records while it runs, so a failed outcome can still say which Item exists now. */
export interface FlowRun {
  /** Set as soon as the run has an Item (exchanged now or reused). */
  itemId: string | null;
}

const optionsSchema = z.object({
  runId: z.string().trim().min(1, 'must be a non-empty run id').max(100),
  flow: z.string().min(1),
  steps: z.array(z.object({ id: z.string(), label: z.string() })).min(1),
  listener: functionSchema<StepListener>(),
});

/**
 * The run id a flow reports its progress under: the caller's `runId` when it is a non-empty string, else
 * `invalid-run` (the flow still starts, and its input validation then fails with the field named).
 */
export function runIdOf(input: unknown): string {
  const runId = (input as { runId?: unknown } | null | undefined)?.runId;
  return typeof runId === 'string' && runId.trim() !== '' ? runId : 'invalid-run';
}

/** Runs `work` with a fresh step runner and turns a thrown error into a failed outcome (never throws). */
export async function runFlow<R>(
  options: { runId: string; flow: string; steps: readonly StepDefinition[]; listener: StepListener },
  work: (runner: StepRunner, run: FlowRun) => Promise<R>,
): Promise<FlowOutcome<R>> {
  const parsed = parseInput('runFlow', optionsSchema, options);
  const runner = createStepRunner(parsed);
  const run: FlowRun = { itemId: null };
  try {
    const result = await runner.execute(() => work(runner, run));
    return {
      runId: parsed.runId,
      flow: parsed.flow,
      ok: true,
      steps: runner.snapshot(),
      result,
      error: null,
      status: 200,
      itemId: run.itemId,
    };
  } catch (error) {
    const described = describeError(error);
    return {
      runId: parsed.runId,
      flow: parsed.flow,
      ok: false,
      steps: runner.snapshot(),
      result: null,
      error: described.error,
      status: described.status,
      itemId: run.itemId,
    };
  }
}

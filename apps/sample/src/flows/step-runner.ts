import { performance } from 'node:perf_hooks';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { withCallSink } from '../calls/call-context.js';
import type { ProviderCall } from '../calls/provider-call.js';
import { describeError, type ErrorBody } from '../errors/describe-error.js';
import { functionSchema } from '../validation/function-schema.js';

/** A step's state on the page and in the CLI. */
export type StepStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed';

/** A step of a flow, as declared up front so the page can list it before it runs. */
export interface StepDefinition {
  id: string;
  label: string;
}

/** A step as it progresses: status, result text, the provider calls it made and how long it took. */
export interface StepState extends StepDefinition {
  status: StepStatus;
  /** What happened (ids, statuses), or why it was skipped. */
  detail: string | null;
  /** Provider calls made during the step, with their request ids. */
  calls: ProviderCall[];
  /** Wall time of the step in ms (null until it ends). */
  durationMs: number | null;
  /** The error that failed the step. */
  error: ErrorBody | null;
}

/** A progress event: one step changed. */
export interface StepEvent {
  type: 'step';
  /** The run this step belongs to (chosen by the caller, e.g. the page). */
  runId: string;
  /** Which flow, e.g. `stripe`. */
  flow: string;
  step: StepState;
}

/** Receives progress events (the server publishes them over SSE, the CLI prints them). */
export type StepListener = (event: StepEvent) => void;

/** One phase of a step group that runs inside a single adapter call; `until` says which call ends it. */
export interface StepPhase {
  id: string;
  /** Ends this phase (and starts the next) when a matching provider call is recorded. */
  until?: (call: ProviderCall) => boolean;
  /** Detail of the phase once it ends. */
  detail?: (call: ProviderCall) => string;
}

/** Runs a flow's steps in order and reports each change. */
export interface StepRunner {
  /** Copies of every step's current state. */
  snapshot(): StepState[];
  /** Runs `work` as step `id`: running, then done with the returned detail (or failed, rethrowing). */
  run<T>(id: string, work: () => Promise<{ value: T; detail: string }>): Promise<T>;
  /** Marks step `id` skipped with the reason. */
  skip(id: string, detail: string): void;
  /**
   * Runs one adapter call that covers several steps: starts the first phase, moves on whenever a phase's
   * `until` matches a recorded call, and ends the last phase with `detailOf(value)`.
   */
  runPhases<T>(phases: StepPhase[], work: () => Promise<T>, detailOf: (value: T) => string): Promise<T>;
  /** Runs the whole flow so every provider call is attributed to the running step. */
  execute<T>(work: () => Promise<T>): Promise<T>;
}

const settingsSchema = z.object({
  runId: z.string().min(1),
  flow: z.string().min(1),
  steps: z.array(z.object({ id: z.string().min(1), label: z.string().min(1) })).min(1),
  listener: functionSchema<StepListener>(),
});

/** Creates a step runner for one run of a flow; every state change goes to `listener`. */
export function createStepRunner(settings: {
  runId: string;
  flow: string;
  steps: readonly StepDefinition[];
  listener: StepListener;
}): StepRunner {
  const { runId, flow, steps, listener } = parseInput('createStepRunner', settingsSchema, settings);
  const states = new Map<string, StepState>(
    steps.map((step) => [
      step.id,
      { ...step, status: 'pending', detail: null, calls: [], durationMs: null, error: null },
    ]),
  );
  const startedAt = new Map<string, number>();
  let current: string | undefined;
  let phaseListener: ((call: ProviderCall) => void) | undefined;

  const state = (id: string): StepState => {
    const found = states.get(id);
    if (found === undefined) throw new RangeError(`Unknown step ${id} in flow ${flow}`);
    return found;
  };
  const emit = (step: StepState): void => {
    listener({ type: 'step', runId, flow, step: structuredClone(step) });
  };
  const begin = (id: string): void => {
    const step = state(id);
    step.status = 'running';
    startedAt.set(id, performance.now());
    current = id;
    emit(step);
  };
  const end = (id: string, status: 'done' | 'failed', detail: string | null, error: unknown): void => {
    const step = state(id);
    step.status = status;
    step.detail = detail;
    step.durationMs = Math.round(performance.now() - (startedAt.get(id) ?? performance.now()));
    step.error = status === 'failed' ? describeError(error).error : null;
    if (current === id) current = undefined;
    emit(step);
  };
  const record = (call: ProviderCall): void => {
    if (current !== undefined) {
      const step = state(current);
      step.calls.push(call);
      emit(step);
    }
    phaseListener?.(call);
  };

  return {
    snapshot: () => [...states.values()].map((step) => structuredClone(step)),
    async run(id, work) {
      begin(id);
      try {
        const { value, detail } = await work();
        end(id, 'done', detail, undefined);
        return value;
      } catch (error) {
        end(id, 'failed', null, error);
        throw error;
      }
    },
    skip(id, detail) {
      const step = state(id);
      step.status = 'skipped';
      step.detail = detail;
      step.durationMs = 0;
      emit(step);
    },
    async runPhases(phases, work, detailOf) {
      if (phases.length === 0) throw new RangeError('runPhases needs at least one phase');
      let index = 0;
      begin((phases[0] as StepPhase).id);
      phaseListener = (call) => {
        const phase = phases[index] as StepPhase;
        if (index < phases.length - 1 && phase.until?.(call)) {
          end(phase.id, 'done', phase.detail?.(call) ?? null, undefined);
          index += 1;
          begin((phases[index] as StepPhase).id);
        }
      };
      try {
        const value = await work();
        for (; index < phases.length - 1; index += 1) {
          end((phases[index] as StepPhase).id, 'done', null, undefined);
          begin((phases[index + 1] as StepPhase).id);
        }
        end((phases[index] as StepPhase).id, 'done', detailOf(value), undefined);
        return value;
      } catch (error) {
        end((phases[index] as StepPhase).id, 'failed', null, error);
        throw error;
      } finally {
        phaseListener = undefined;
      }
    },
    execute: (work) => withCallSink(record, work),
  };
}

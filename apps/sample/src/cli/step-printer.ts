import { parseInput } from '@achbridge/core';
import type { ErrorBody } from '../errors/describe-error.js';
import type { StepEvent, StepListener, StepState } from '../flows/step-runner.js';
import { functionSchema } from '../validation/function-schema.js';

/** Writes text to the terminal (stdout in the CLI, a buffer in tests). */
export type Write = (text: string) => void;

const writeSchema = functionSchema<Write>();

const CATEGORY_TEXT: Record<string, string> = {
  client_action: 'client action: fix the integration',
  user_action: 'user action: the user has to act',
  retryable: 'retryable: try again later',
  unknown: 'unknown category',
};

function callLines(step: StepState): string {
  return step.calls
    .map(
      (call) =>
        `      ${call.provider} ${call.method} ${call.endpoint} -> ${call.status ?? 'no answer'}` +
        `${call.requestId ? ` (request ${call.requestId})` : ''}\n`,
    )
    .join('');
}

/** A progress listener printing each step as it starts and ends, with timing, detail and request ids. */
export function createStepPrinter(write: Write): StepListener {
  const out = parseInput('createStepPrinter', writeSchema, write);
  const started = new Set<string>();
  return (event: StepEvent) => {
    const { step } = event;
    const key = `${event.runId}:${step.id}`;
    if (step.status === 'running') {
      if (!started.has(key)) out(`  ... ${step.label}\n`);
      started.add(key);
      return;
    }
    if (step.status === 'skipped') {
      out(`  --  ${step.label}: skipped. ${step.detail ?? ''}\n`);
      return;
    }
    if (step.status === 'done') {
      out(`  ok  ${step.label} (${step.durationMs ?? 0} ms)\n`);
      if (step.detail) out(`      ${step.detail}\n`);
      out(callLines(step));
      return;
    }
    if (step.status === 'failed') {
      out(`  !!  ${step.label} failed (${step.durationMs ?? 0} ms)\n`);
      out(callLines(step));
    }
  };
}

/** Prints an error with its category and remediation (the CLI's last words before exit code 1). */
export function printError(write: Write, error: ErrorBody): void {
  const out = parseInput('printError', writeSchema, write);
  const category = error.category ? ` (${CATEGORY_TEXT[error.category] ?? error.category})` : '';
  out(`\nFailed: ${error.code}${category}\n  ${error.message}\n`);
  if (error.field) out(`  Field: ${error.field}\n`);
  if (error.remediation) out(`  What to do: ${error.remediation}\n`);
  if (error.requestId) out(`  Request id: ${error.requestId}\n`);
}

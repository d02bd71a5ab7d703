import type { OutcomeView } from './sample-outcomes.js';

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

import { api, newRunId } from './api.js';
import { h } from './dom.js';
import { onRunProgress } from './event-stream.js';

const ICONS = { pending: '', running: '', done: '✓', skipped: '–', failed: '✕' };
const STATUS_TEXT = {
  pending: 'pending',
  running: 'in progress',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
};

function callLine(call) {
  const request = call.requestId ? `request ${call.requestId}` : 'no request id';
  return h(
    'li',
    {},
    `${call.provider} ${call.method} ${call.endpoint} → ${call.status ?? 'no answer'} · ${request}`,
  );
}

function stepItem(step) {
  return h(
    'li',
    { className: 'step', dataset: { status: step.status, step: step.id } },
    h('span', { className: 'step-icon', 'aria-hidden': 'true' }, ICONS[step.status] ?? ''),
    h(
      'div',
      {},
      h('span', { className: 'step-label' }, step.label),
      h('span', { className: 'visually-hidden' }, `, ${STATUS_TEXT[step.status] ?? step.status}`),
      step.durationMs !== null && step.durationMs !== undefined && step.status !== 'skipped'
        ? h('span', { className: 'step-detail' }, ` (${step.durationMs} ms)`)
        : null,
      step.detail ? h('div', { className: 'step-detail' }, step.detail) : null,
      step.error ? h('div', { className: 'step-error' }, `${step.error.code}: ${step.error.message}`) : null,
      step.calls?.length
        ? h('ul', { className: 'step-calls', 'aria-label': 'Provider calls' }, step.calls.map(callLine))
        : null,
    ),
  );
}

/** Renders a list of step states. */
function renderSteps(list, steps) {
  list.replaceChildren(...steps.map(stepItem));
}

/**
 * Runs a flow with visible progress: lists the flow's steps as pending, updates them from the event stream
 * while the request runs, then shows the final states from the answer. Resolves to `{ ok, status, data }`.
 */
export async function runWithProgress({ list, definitions, method = 'POST', path, body = {}, buttons = [] }) {
  const runId = newRunId();
  const states = new Map(
    definitions.map((step) => [
      step.id,
      { ...step, status: 'pending', detail: null, calls: [], durationMs: null, error: null },
    ]),
  );
  list.hidden = false;
  renderSteps(list, [...states.values()]);
  list.setAttribute('aria-busy', 'true');
  for (const button of buttons) button.disabled = true;
  const stop = onRunProgress(runId, (step) => {
    states.set(step.id, step);
    renderSteps(list, [...states.values()]);
  });
  try {
    const answer = await api(method, path, { ...body, runId });
    if (Array.isArray(answer.data.steps)) renderSteps(list, answer.data.steps);
    return answer;
  } finally {
    stop();
    list.setAttribute('aria-busy', 'false');
    for (const button of buttons) button.disabled = false;
  }
}

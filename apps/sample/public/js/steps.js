import { api, newRunId } from './api.js';
import { byId, h } from './dom.js';
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

function signature(step) {
  return JSON.stringify([step.status, step.detail, step.durationMs, step.error, step.calls?.length ?? 0]);
}

/**
 * Renders step states into `list`, replacing only the items that changed (so assistive technology is not
 * handed the whole list again), and returns the steps that changed.
 */
function renderSteps(list, steps) {
  const keyed = (step) => {
    const item = stepItem(step);
    item.dataset.signature = signature(step);
    return item;
  };
  const sameSteps =
    list.children.length === steps.length &&
    steps.every((step, index) => list.children[index].dataset.step === step.id);
  if (!sameSteps) {
    list.replaceChildren(...steps.map(keyed));
    return [];
  }
  const changed = [];
  steps.forEach((step, index) => {
    const current = list.children[index];
    if (current.dataset.signature === signature(step)) return;
    current.replaceWith(keyed(step));
    changed.push(step);
  });
  return changed;
}

/** Announces only the steps that just changed, through the page's one progress live region. */
function announce(list, steps) {
  const announcer = byId('progress-announcer');
  const last = steps.at(-1);
  if (!last) return;
  const detail = last.error ? ` ${last.error.code}` : '';
  announcer.textContent = `${list.getAttribute('aria-label')}: ${last.label}, ${STATUS_TEXT[last.status] ?? last.status}.${detail}`;
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
  list.replaceChildren();
  renderSteps(list, [...states.values()]);
  byId('progress-announcer').textContent = `${list.getAttribute('aria-label')}: started.`;
  list.setAttribute('aria-busy', 'true');
  list.focus();
  for (const button of buttons) button.disabled = true;
  const stop = onRunProgress(runId, (step) => {
    states.set(step.id, step);
    announce(list, renderSteps(list, [...states.values()]));
  });
  try {
    const answer = await api(method, path, { ...body, runId });
    if (Array.isArray(answer.data.steps)) announce(list, renderSteps(list, answer.data.steps));
    return answer;
  } finally {
    stop();
    list.setAttribute('aria-busy', 'false');
    for (const button of buttons) button.disabled = false;
  }
}

import { api } from './api.js';
import { byId, h, show } from './dom.js';
import { renderError } from './errors.js';
import { state } from './state.js';

/** The payment each card shows, by processor key: `{ slug, paymentId }`, or absent. */
const tracked = {};

function describe(view) {
  const outcome = view.outcome;
  if (!outcome) return `Payment ${view.paymentId}: no outcome yet.`;
  const path = view.history.length > 0 ? view.history.join(' → ') : outcome.status;
  let text = `Outcome of ${view.paymentId}: ${path}.`;
  if (outcome.returnCode) {
    const entry = outcome.achReturn;
    text +=
      ` Return ${outcome.returnCode}${entry ? ` (${entry.meaning})` : ''}` +
      `${entry ? ` — ${entry.category.replaceAll('_', ' ')}, ${entry.retryable ? 'may be retried later' : 'never retry automatically'}. ${entry.remediation}` : '.'}`;
  }
  return text;
}

/** Shows a payment's outcome in its card (and the controls that make sense for it). */
function render(key, view) {
  const { slug } = tracked[key];
  const controls = state.info.processors[key].outcomes;
  byId(`${slug}-outcome-text`).textContent = describe(view);
  const status = view.outcome?.status;
  const emulator = state.info?.mode === 'emulator';
  show(byId(`${slug}-return`), emulator && controls.returnableStatuses.includes(status));
  if (controls.settleControl) show(byId(`${slug}-settle`), emulator && status === 'pending');
  show(byId(`${slug}-outcome`), true);
}

async function call(key, method, suffix, body) {
  const current = tracked[key];
  if (!current?.paymentId) return;
  const path = `/api/outcomes/${key}/${encodeURIComponent(current.paymentId)}${suffix}`;
  const answer = await api(method, path, body);
  if (!answer.ok) {
    renderError(
      byId(`${current.slug}-summary`),
      answer.data.error ?? { code: 'ERROR', message: 'Failed.' },
      'Outcome:',
    );
    return;
  }
  render(key, answer.data);
}

/** Starts tracking `paymentId` in the processor's card and shows its outcome now. */
export async function trackPayment(key, slug, paymentId) {
  tracked[key] = { slug, paymentId };
  await call(key, 'GET', '');
}

/** Re-reads the outcome of the card's payment (after settlement elsewhere on the page). */
export async function refreshOutcome(key) {
  await call(key, 'GET', '');
}

/** Hides a card's outcome (a new run starts). */
export function clearOutcome(key, slug) {
  tracked[key] = { slug, paymentId: null };
  show(byId(`${slug}-outcome`), false);
}

/** A card's outcome line with its controls ("Simulate settlement" where the processor has it, "Simulate return R01"). */
export function outcomeBlock(processor) {
  const { key, slug } = processor;
  return h(
    'div',
    { id: `${slug}-outcome`, className: 'outcome', hidden: true },
    h('p', { id: `${slug}-outcome-text`, className: 'outcome-text', role: 'status', 'aria-live': 'polite' }),
    h(
      'div',
      { className: 'actions' },
      processor.outcomes.settleControl
        ? h(
            'button',
            {
              type: 'button',
              id: `${slug}-settle`,
              className: 'secondary',
              onclick: () => call(key, 'POST', '/settle', {}),
            },
            'Simulate settlement',
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          id: `${slug}-return`,
          className: 'secondary',
          onclick: () => call(key, 'POST', '/return', { code: 'R01' }),
        },
        'Simulate return R01',
      ),
    ),
  );
}

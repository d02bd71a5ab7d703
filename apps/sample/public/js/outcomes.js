import { api } from './api.js';
import { byId, show } from './dom.js';
import { renderError } from './errors.js';
import { state } from './state.js';

/** The payment each card shows: `{ provider, paymentId }` or null. */
const tracked = { stripe: null, dwolla: null };

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
function render(provider, view) {
  byId(`${provider}-outcome-text`).textContent = describe(view);
  const status = view.outcome?.status;
  const emulator = state.info?.mode === 'emulator';
  const returnable =
    provider === 'stripe' ? status === 'processing' : status === 'pending' || status === 'succeeded';
  show(byId(`${provider}-return`), emulator && returnable);
  if (provider === 'dwolla') show(byId('dwolla-settle'), emulator && status === 'pending');
  show(byId(`${provider}-outcome`), true);
}

async function call(provider, method, suffix, body) {
  const current = tracked[provider];
  if (!current) return;
  const path = `/api/outcomes/${provider}/${encodeURIComponent(current.paymentId)}${suffix}`;
  const answer = await api(method, path, body);
  if (!answer.ok) {
    renderError(
      byId(`${provider}-summary`),
      answer.data.error ?? { code: 'ERROR', message: 'Failed.' },
      'Outcome:',
    );
    return;
  }
  render(provider, answer.data);
}

/** Starts tracking `paymentId` in the `provider` card and shows its outcome now. */
export async function trackPayment(provider, paymentId) {
  tracked[provider] = { paymentId };
  await call(provider, 'GET', '');
}

/** Re-reads the outcome of the card's payment (after settlement elsewhere on the page). */
export async function refreshOutcome(provider) {
  await call(provider, 'GET', '');
}

/** Hides a card's outcome (a new run starts). */
export function clearOutcome(provider) {
  tracked[provider] = null;
  show(byId(`${provider}-outcome`), false);
}

/** Wires the outcome controls. */
export function initOutcomes() {
  for (const provider of ['stripe', 'dwolla']) {
    byId(`${provider}-return`).addEventListener('click', () =>
      call(provider, 'POST', '/return', { code: 'R01' }),
    );
  }
  byId('dwolla-settle').addEventListener('click', () => call('dwolla', 'POST', '/settle', {}));
}

import { byId, show } from './dom.js';
import { renderError } from './errors.js';
import { linkSource, onStateChange, state, update } from './state.js';
import { runWithProgress } from './steps.js';

/** Marks the action buttons busy while a flow runs (they stay disabled), or frees them again. */
export function setBusy(busy) {
  for (const id of ['run-stripe', 'run-dwolla', 'settle-payment', 'reset-login', 'reconnect', 'open-link']) {
    byId(id).dataset.busy = busy ? 'true' : '';
  }
  refreshButtons();
}

/** Enables the action buttons that make sense now. */
export function refreshButtons() {
  const busy = byId('run-stripe').dataset.busy === 'true';
  const hasSource = linkSource() !== null && state.accountId !== null;
  const processors = state.info?.processors ?? {};
  byId('run-stripe').disabled = busy || !hasSource || !processors.stripe?.available;
  byId('run-dwolla').disabled = busy || !hasSource || !processors.dwolla?.available;
  byId('settle-payment').disabled = busy || !state.paymentIntentId;
  byId('reset-login').disabled = busy || !state.itemId;
  byId('reconnect').disabled = busy || !state.itemId;
  byId('open-link').disabled = busy;
}

function afterFlow(answer, summary) {
  if (!answer.ok) {
    const error = answer.data.error ?? { code: 'ERROR', message: 'The flow failed.' };
    renderError(summary, error, 'Failed:');
    summary.classList.add('alert', 'alert-error');
    return false;
  }
  summary.classList.remove('alert', 'alert-error');
  if (answer.data.result?.itemId) {
    update({ itemId: answer.data.result.itemId, link: null });
    byId('connected').textContent =
      `Linked: ${state.accountLabel} (Item ${state.itemId}; access token kept on the server).`;
  }
  return true;
}

async function runStripe() {
  const summary = byId('stripe-summary');
  summary.replaceChildren();
  show(byId('settle-steps'), false);
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('stripe-steps'),
      definitions: state.info.steps.stripe,
      path: '/api/flows/stripe',
      body: { source: linkSource(), accountId: state.accountId },
    });
    if (!afterFlow(answer, summary)) return;
    const result = answer.data.result;
    update({ paymentIntentId: result.payment.paymentIntentId });
    summary.textContent =
      `${result.created ? 'Linked' : 'Already linked (created: false)'}: ${result.customerId}, bank account ` +
      `${result.bankAccount.id} ••${result.bankAccount.last4} (${result.bankAccount.status}). ` +
      `Payment ${result.payment.paymentIntentId}: ${result.payment.status}.`;
    show(byId('settle-payment'), result.payment.status === 'processing');
  } finally {
    setBusy(false);
  }
}

async function settle() {
  const summary = byId('stripe-summary');
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('settle-steps'),
      definitions: state.info.steps.settle,
      path: `/api/payments/${encodeURIComponent(state.paymentIntentId)}/settle`,
    });
    if (!afterFlow(answer, summary)) return;
    const payment = answer.data.result;
    summary.textContent = `Payment ${payment.paymentIntentId}: ${payment.status}.`;
    if (payment.status !== 'processing') show(byId('settle-payment'), false);
  } finally {
    setBusy(false);
  }
}

async function runDwolla() {
  const summary = byId('dwolla-summary');
  summary.replaceChildren();
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('dwolla-steps'),
      definitions: state.info.steps.dwolla,
      path: '/api/flows/dwolla',
      body: { source: linkSource(), accountId: state.accountId },
    });
    if (!afterFlow(answer, summary)) return;
    const result = answer.data.result;
    summary.textContent =
      `${result.created ? 'Linked' : 'Already linked (created: false)'}: funding source ` +
      `${result.fundingSource.id} "${result.fundingSource.name}" (${result.fundingSource.status}).`;
  } finally {
    setBusy(false);
  }
}

/** Wires the processor section. */
export function initProcessors() {
  const { processors, mode } = state.info;
  if (!processors.stripe.available) byId('stripe-hint').textContent = processors.stripe.reason;
  if (!processors.dwolla.available) byId('dwolla-hint').textContent = processors.dwolla.reason;
  if (mode !== 'emulator') byId('settle-payment').textContent = 'Refresh payment status';
  byId('run-stripe').addEventListener('click', runStripe);
  byId('run-dwolla').addEventListener('click', runDwolla);
  byId('settle-payment').addEventListener('click', settle);
  onStateChange(refreshButtons);
  refreshButtons();
}

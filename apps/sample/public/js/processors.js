import { showDuplicateWarning } from './connect.js';
import { byId, show } from './dom.js';
import { clearError, renderError } from './errors.js';
import { clearOutcome, refreshOutcome, trackPayment } from './outcomes.js';
import { linkSource, onStateChange, state, update } from './state.js';
import { runWithProgress } from './steps.js';

/** Marks the action buttons busy while a flow runs (they stay disabled), or frees them again. */
export function setBusy(busy) {
  for (const id of [
    'run-stripe',
    'run-dwolla',
    'run-modern-treasury',
    'settle-payment',
    'reset-login',
    'reconnect',
    'open-link',
  ]) {
    byId(id).dataset.busy = busy ? 'true' : '';
  }
  refreshButtons();
}

/** Enables the action buttons that make sense now. */
export function refreshButtons() {
  const busy = byId('run-stripe').dataset.busy === 'true';
  const hasSource = linkSource() !== null && state.accountId !== null && !state.pendingDuplicate;
  const processors = state.info?.processors ?? {};
  byId('run-stripe').disabled = busy || !hasSource || !processors.stripe?.available;
  byId('run-dwolla').disabled = busy || !hasSource || !processors.dwolla?.available;
  byId('run-modern-treasury').disabled = busy || !hasSource || !processors.modern_treasury?.available;
  byId('settle-payment').disabled = busy || !state.paymentIntentId;
  byId('reset-login').disabled = busy || !state.itemId;
  byId('reconnect').disabled = busy || !state.itemId;
  byId('open-link').disabled = busy;
}

/**
 * After a flow: adopts the Item the run worked on (also when it failed after the exchange: the public token is
 * spent, so the next run must reuse the Item), offers the duplicate choice on DUPLICATE_ITEM, and shows the
 * error card on failure. Returns whether the flow succeeded.
 */
function afterFlow(answer, summary, heading) {
  const itemId = answer.data.result?.itemId ?? answer.data.itemId ?? null;
  if (itemId && itemId !== state.itemId) {
    update({ itemId, link: null, allowDuplicate: false });
  }
  if (!answer.ok) {
    const error = answer.data.error ?? { code: 'ERROR', message: 'The flow failed.' };
    if (error.code === 'DUPLICATE_ITEM' && error.details?.match) showDuplicateWarning(error.details.match);
    else if (state.itemId) {
      byId('connected').textContent =
        `Linked: ${state.accountLabel} (Item ${state.itemId}; access token kept on the server). ` +
        'The flow stopped after the exchange; the next run reuses this Item (no second exchange).';
    }
    renderError(summary, error, heading);
    return false;
  }
  clearError(summary);
  if (itemId) {
    byId('connected').textContent =
      `Linked: ${state.accountLabel} (Item ${state.itemId}; access token kept on the server).`;
  }
  return true;
}

/** Moves focus to where a finished action's outcome is shown (so keyboard users are not left on <body>). */
function focusOutcome(summary) {
  summary.focus();
}

async function runStripe() {
  const summary = byId('stripe-summary');
  clearError(summary);
  show(byId('settle-steps'), false);
  show(byId('settle-payment'), false);
  clearOutcome('stripe');
  update({ paymentIntentId: null });
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('stripe-steps'),
      definitions: state.info.steps.stripe,
      path: '/api/flows/stripe',
      body: { source: linkSource(), accountId: state.accountId },
    });
    if (!afterFlow(answer, summary, 'Stripe flow failed:')) return;
    const result = answer.data.result;
    update({ paymentIntentId: result.payment.paymentIntentId });
    summary.textContent =
      `${result.created ? 'Linked' : 'Already linked (created: false)'}: ${result.customerId}, bank account ` +
      `${result.bankAccount.id} ••${result.bankAccount.last4} (${result.bankAccount.status}). ` +
      `Payment ${result.payment.paymentIntentId}: ${result.payment.status}.`;
    show(byId('settle-payment'), result.payment.status === 'processing');
    await trackPayment('stripe', result.payment.paymentIntentId);
  } finally {
    setBusy(false);
    focusOutcome(summary);
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
    if (!afterFlow(answer, summary, 'Settlement failed:')) return;
    const payment = answer.data.result;
    summary.textContent = `Payment ${payment.paymentIntentId}: ${payment.status}.`;
    if (payment.status !== 'processing') show(byId('settle-payment'), false);
    await refreshOutcome('stripe');
  } finally {
    setBusy(false);
    focusOutcome(summary);
  }
}

async function runDwolla() {
  const summary = byId('dwolla-summary');
  clearError(summary);
  clearOutcome('dwolla');
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('dwolla-steps'),
      definitions: state.info.steps.dwolla,
      path: '/api/flows/dwolla',
      body: { source: linkSource(), accountId: state.accountId },
    });
    if (!afterFlow(answer, summary, 'Dwolla flow failed:')) return;
    const result = answer.data.result;
    summary.textContent =
      `${result.created ? 'Linked' : 'Already linked (created: false)'}: funding source ` +
      `${result.fundingSource.id} "${result.fundingSource.name}" (${result.fundingSource.status}).` +
      (result.transfer
        ? ` Transfer ${result.transfer.id}: $${result.transfer.amount.value} ${result.transfer.status}.`
        : '');
    if (result.transfer) await trackPayment('dwolla', result.transfer.id);
  } finally {
    setBusy(false);
    focusOutcome(summary);
  }
}

async function runModernTreasury() {
  const summary = byId('modern-treasury-summary');
  clearError(summary);
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('modern-treasury-steps'),
      definitions: state.info.steps.modern_treasury,
      path: '/api/flows/modern-treasury',
      body: { source: linkSource(), accountId: state.accountId },
    });
    if (!afterFlow(answer, summary, 'Modern Treasury flow failed:')) return;
    const result = answer.data.result;
    summary.textContent =
      `${result.created ? 'Linked' : 'Already linked (created: false)'}: external account ` +
      `${result.externalAccount.id} ••${result.externalAccount.accountNumberLast4 ?? '----'} ` +
      `(${result.externalAccount.verificationStatus}). Payment order ${result.paymentOrder.id}: ${result.paymentOrder.status}.`;
  } finally {
    setBusy(false);
    focusOutcome(summary);
  }
}

/** Wires the processor section. */
export function initProcessors() {
  const { processors, mode } = state.info;
  if (!processors.stripe.available) byId('stripe-hint').textContent = processors.stripe.reason;
  if (!processors.dwolla.available) byId('dwolla-hint').textContent = processors.dwolla.reason;
  if (!processors.modern_treasury.available) {
    byId('modern-treasury-hint').textContent = processors.modern_treasury.reason;
  }
  if (mode !== 'emulator') byId('settle-payment').textContent = 'Refresh payment status';
  byId('run-stripe').addEventListener('click', runStripe);
  byId('run-dwolla').addEventListener('click', runDwolla);
  byId('run-modern-treasury').addEventListener('click', runModernTreasury);
  byId('settle-payment').addEventListener('click', settle);
  onStateChange(refreshButtons);
  refreshButtons();
}

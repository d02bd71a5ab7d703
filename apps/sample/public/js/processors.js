import { showDuplicateWarning } from './connect.js';
import { byId, h, show } from './dom.js';
import { clearError, renderError } from './errors.js';
import { clearOutcome, outcomeBlock, refreshOutcome, trackPayment } from './outcomes.js';
import { linkSource, onStateChange, state, update } from './state.js';
import { runWithProgress } from './steps.js';

/** Whether a flow is running (every action button stays disabled meanwhile). */
let busy = false;

/** The processors the server registered, in its order (`/api/info`). */
function processors() {
  return Object.entries(state.info?.processors ?? {}).map(([key, processor]) => ({ key, ...processor }));
}

/** The processor whose card offers Stripe-style settlement (an extra `settle` step list), if any. */
function settlingProcessor() {
  return processors().find((processor) => processor.extraSteps.includes('settle')) ?? null;
}

/** Marks the action buttons busy while a flow runs (they stay disabled), or frees them again. */
export function setBusy(value) {
  busy = value;
  refreshButtons();
}

/** Enables the action buttons that make sense now. */
export function refreshButtons() {
  const hasSource = linkSource() !== null && state.accountId !== null && !state.pendingDuplicate;
  for (const processor of processors()) {
    byId(`run-${processor.slug}`).disabled = busy || !hasSource || !processor.available;
  }
  if (settlingProcessor()) byId('settle-payment').disabled = busy || !state.paymentIntentId;
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

/** Runs a processor's flow (`POST /api/flows/<slug>`) and shows the server's summary of it. */
async function runProcessor(processor) {
  const summary = byId(`${processor.slug}-summary`);
  const settles = processor.extraSteps.includes('settle');
  clearError(summary);
  if (settles) {
    show(byId('settle-steps'), false);
    show(byId('settle-payment'), false);
    update({ paymentIntentId: null });
  }
  if (processor.outcomes) clearOutcome(processor.key, processor.slug);
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId(`${processor.slug}-steps`),
      definitions: state.info.steps[processor.key],
      path: `/api/flows/${processor.slug}`,
      body: { source: linkSource(), accountId: state.accountId },
    });
    if (!afterFlow(answer, summary, `${processor.label} flow failed:`)) return;
    summary.textContent = answer.data.summary;
    const payment = answer.data.payment;
    if (settles && payment) {
      update({ paymentIntentId: payment.id });
      show(byId('settle-payment'), payment.status === 'processing');
    }
    if (processor.outcomes && payment) await trackPayment(processor.key, processor.slug, payment.id);
  } finally {
    setBusy(false);
    summary.focus();
  }
}

/** Settles the settling processor's payment on the emulator clock (or reads its status in sandbox mode). */
async function settle() {
  const processor = settlingProcessor();
  const summary = byId(`${processor.slug}-summary`);
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
    if (processor.outcomes) await refreshOutcome(processor.key);
  } finally {
    setBusy(false);
    summary.focus();
  }
}

/** One processor's card: heading, hint, run button, step list, summary and (when it has them) outcome controls. */
function processorCard(processor) {
  const settles = processor.extraSteps.includes('settle');
  return h(
    'article',
    { className: 'processor', 'aria-labelledby': `${processor.slug}-heading` },
    h(
      'h3',
      { id: `${processor.slug}-heading` },
      `${processor.label} `,
      h('span', { className: 'badge' }, processor.environment),
    ),
    h(
      'p',
      { className: 'hint', id: `${processor.slug}-hint` },
      processor.available ? processor.hint : processor.reason,
    ),
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        {
          type: 'button',
          id: `run-${processor.slug}`,
          disabled: true,
          onclick: () => runProcessor(processor),
        },
        `Run ${processor.label} flow`,
      ),
      settles
        ? h(
            'button',
            { type: 'button', id: 'settle-payment', className: 'secondary', hidden: true, onclick: settle },
            state.info.mode === 'emulator' ? 'Simulate settlement' : 'Refresh payment status',
          )
        : null,
    ),
    h('ol', {
      id: `${processor.slug}-steps`,
      className: 'steps',
      'aria-label': `${processor.label} flow steps`,
      tabindex: '-1',
    }),
    settles
      ? h('ol', {
          id: 'settle-steps',
          className: 'steps',
          'aria-label': 'Settlement steps',
          tabindex: '-1',
          hidden: true,
        })
      : null,
    h('div', {
      id: `${processor.slug}-summary`,
      className: 'summary',
      role: 'status',
      'aria-live': 'polite',
      tabindex: '-1',
    }),
    processor.outcomes ? outcomeBlock(processor) : null,
  );
}

/** Builds one card per registered processor and wires them. */
export function initProcessors() {
  byId('processor-grid').replaceChildren(...processors().map(processorCard));
  onStateChange(refreshButtons);
  refreshButtons();
}

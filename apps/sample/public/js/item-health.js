import { api } from './api.js';
import { byId } from './dom.js';
import { renderError } from './errors.js';
import { refreshButtons, setBusy } from './processors.js';
import { state } from './state.js';
import { runWithProgress } from './steps.js';

function showHealth(health) {
  const status = byId('health-status');
  status.classList.remove('alert', 'alert-error');
  const error = health.error ? ` ${health.error.errorCode}` : '';
  status.textContent = `Item ${health.itemId}: ${health.status}${error}. ${health.action.message}`;
}

function showFailure(answer) {
  const status = byId('health-status');
  renderError(status, answer.data.error ?? { code: 'ERROR', message: 'Failed.' }, 'Failed:');
  status.classList.add('alert', 'alert-error');
}

async function resetLogin() {
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('health-steps'),
      definitions: state.info.steps.reset_login,
      path: `/api/items/${encodeURIComponent(state.itemId)}/reset_login`,
    });
    if (answer.ok) showHealth(answer.data.result);
    else showFailure(answer);
  } finally {
    setBusy(false);
  }
}

function openUpdateModeLink(linkToken) {
  const handler = window.Plaid.create({
    token: linkToken,
    onSuccess: async () => {
      const health = await api('GET', `/api/items/${encodeURIComponent(state.itemId)}/health`);
      if (health.ok) showHealth(health.data);
      else showFailure(health);
    },
    onExit: () => refreshButtons(),
  });
  handler.open();
}

async function reconnect() {
  setBusy(true);
  try {
    const answer = await runWithProgress({
      list: byId('health-steps'),
      definitions: state.info.steps.reconnect,
      path: `/api/items/${encodeURIComponent(state.itemId)}/reconnect`,
    });
    if (!answer.ok) return showFailure(answer);
    if (answer.data.result.health) showHealth(answer.data.result.health);
    else if (answer.data.result.linkToken) openUpdateModeLink(answer.data.result.linkToken);
  } finally {
    setBusy(false);
  }
}

/** Wires the Item health section. */
export function initItemHealth() {
  byId('reset-login').addEventListener('click', resetLogin);
  byId('reconnect').addEventListener('click', reconnect);
}

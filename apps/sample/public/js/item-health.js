import { api } from './api.js';
import { byId } from './dom.js';
import { clearError, renderError } from './errors.js';
import { refreshButtons, setBusy } from './processors.js';
import { state } from './state.js';
import { runWithProgress } from './steps.js';

function showHealth(health) {
  const status = byId('health-status');
  clearError(status);
  const error = health.error ? ` ${health.error.errorCode}` : '';
  status.textContent = `Item ${health.itemId}: ${health.status}${error}. ${health.action.message}`;
}

function showFailure(answer, heading) {
  renderError(byId('health-status'), answer.data.error ?? { code: 'ERROR', message: 'Failed.' }, heading);
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
    else showFailure(answer, 'Credential change failed:');
  } finally {
    setBusy(false);
    byId('health-status').focus();
  }
}

function openUpdateModeLink(linkToken) {
  const handler = window.Plaid.create({
    token: linkToken,
    onSuccess: async () => {
      const health = await api('GET', `/api/items/${encodeURIComponent(state.itemId)}/health`);
      if (health.ok) showHealth(health.data);
      else showFailure(health, 'Health check failed:');
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
    if (!answer.ok) return showFailure(answer, 'Reconnect failed:');
    if (answer.data.result.health) showHealth(answer.data.result.health);
    else if (answer.data.result.linkToken) openUpdateModeLink(answer.data.result.linkToken);
  } finally {
    setBusy(false);
    byId('health-status').focus();
  }
}

/** Wires the Item health section. */
export function initItemHealth() {
  byId('reset-login').addEventListener('click', resetLogin);
  byId('reconnect').addEventListener('click', reconnect);
}

import { api } from './api.js';
import { initAuthCheck } from './auth-check.js';
import { initConnect } from './connect.js';
import { byId } from './dom.js';
import { initEventLog } from './event-log.js';
import { initItemHealth } from './item-health.js';
import { initProcessors } from './processors.js';
import { initProduction } from './production.js';
import { initSavedItems } from './saved-items.js';
import { update } from './state.js';

const PLAID_LINK_SCRIPT = 'https://cdn.plaid.com/link/v2/stable/link-initialize.js';

/** Loads Plaid Link from Plaid's CDN (real sandbox mode only; the emulator needs no network). */
function loadPlaidLink() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = PLAID_LINK_SCRIPT;
    script.onload = resolve;
    script.onerror = () => reject(new Error('Plaid Link could not be loaded from cdn.plaid.com'));
    document.head.append(script);
  });
}

function describeMode(info) {
  if (info.mode === 'emulator') return 'Emulator mode · offline, no keys needed';
  const parts = ['Sandbox mode · real Plaid Sandbox'];
  for (const processor of Object.values(info.processors)) {
    parts.push(
      processor.available ? `${processor.label} ${processor.environment}` : `no ${processor.label} keys`,
    );
  }
  return parts.join(' · ');
}

async function start() {
  const banner = byId('mode-banner');
  const answer = await api('GET', '/api/info');
  if (!answer.ok) {
    banner.textContent = `The sample server did not answer: ${answer.data.error?.message ?? answer.status}`;
    return;
  }
  const info = answer.data;
  update({ info });
  banner.textContent = describeMode(info);
  const names = Object.values(info.processors).map(
    (processor) => `${processor.label} (${processor.environment})`,
  );
  byId('lede-processors').textContent =
    names.length > 1
      ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
      : (names[0] ?? 'ACH processors');
  banner.dataset.mode = info.mode;
  document.body.dataset.mode = info.mode;
  initEventLog();
  initAuthCheck();
  await initConnect();
  initProcessors();
  initItemHealth();
  initSavedItems();
  await initProduction();
  if (info.linkScript) {
    try {
      await loadPlaidLink();
    } catch (error) {
      banner.textContent = `${describeMode(info)} · ${error.message}`;
    }
  }
  document.body.dataset.ready = 'true';
}

start();

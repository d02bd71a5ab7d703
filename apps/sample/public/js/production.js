import { api } from './api.js';
import { byId, h } from './dom.js';
import { errorCard, renderError } from './errors.js';

async function loadChecklist() {
  const answer = await api('GET', '/api/production/checklist');
  const body = byId('checklist-body');
  if (!answer.ok) {
    body.replaceChildren(
      h('tr', {}, h('td', { colspan: '3' }, errorCard(answer.data.error, 'Checklist unavailable:'))),
    );
    return;
  }
  body.replaceChildren(
    ...answer.data.items.map((item) =>
      h(
        'tr',
        { dataset: { item: item.id } },
        h('th', { scope: 'row' }, item.title),
        h('td', {}, item.now),
        h('td', {}, item.production),
      ),
    ),
  );
}

async function tryLiveKey() {
  const button = byId('mode-guard');
  const result = byId('mode-guard-result');
  button.disabled = true;
  const answer = await api('POST', '/api/production/mode_guard');
  button.disabled = false;
  result.hidden = false;
  if (!answer.ok) {
    renderError(result, answer.data.error, 'Mode guard demo failed:');
    return;
  }
  const demo = answer.data;
  result.className = demo.refused ? 'alert alert-ok' : 'alert alert-error';
  result.replaceChildren(
    h(
      'p',
      {},
      h('strong', {}, demo.refused ? `Refused before any request (${demo.code}): ` : 'Not refused: '),
      demo.message,
    ),
  );
}

/** Wires the "Going to production" section. */
export function initProduction() {
  byId('mode-guard').addEventListener('click', tryLiveKey);
  return loadChecklist();
}

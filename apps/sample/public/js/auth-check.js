import { api } from './api.js';
import { openLink } from './connect.js';
import { byId, h } from './dom.js';
import { clearError, renderError } from './errors.js';
import { state } from './state.js';

function verdict(name, result) {
  return h(
    'div',
    { className: 'verdict' },
    h('dt', {}, name),
    h(
      'dd',
      {},
      h(
        'span',
        { className: result.compatible ? 'yes' : 'no' },
        result.compatible ? '✓ Works' : '✕ Cannot use it',
      ),
      ' — ',
      result.reason,
    ),
  );
}

function institutionItem(institution) {
  const canConnect = state.info.mode === 'emulator' && institution.countryCodes.includes('US');
  return h(
    'li',
    { className: 'institution', dataset: { institution: institution.id } },
    h(
      'div',
      { className: 'institution-head' },
      h(
        'span',
        {},
        h('span', { className: 'institution-name' }, institution.name),
        ` (${institution.id}, ${institution.countryCodes.join('/')})`,
      ),
      h(
        'span',
        { className: institution.supportsAuth ? 'yes auth-support' : 'no auth-support' },
        institution.supportsAuth ? 'Supports Auth' : 'No Auth support',
      ),
    ),
    h(
      'dl',
      { className: 'verdicts' },
      Object.entries(state.info.processors).map(([key, processor]) =>
        verdict(processor.label, institution.processors[key]),
      ),
    ),
    canConnect
      ? h(
          'button',
          {
            type: 'button',
            className: 'secondary',
            'aria-label': `Connect ${institution.name}`,
            onclick: () => openLink(institution.id),
          },
          'Connect',
        )
      : null,
  );
}

async function search(event) {
  event.preventDefault();
  const status = byId('auth-status');
  const results = byId('auth-results');
  const query = byId('auth-query').value.trim();
  const country = byId('auth-country').value;
  clearError(status);
  status.textContent = `Searching for “${query}”…`;
  results.setAttribute('aria-busy', 'true');
  const answer = await api('GET', `/api/institutions?${new URLSearchParams({ query, country })}`);
  results.setAttribute('aria-busy', 'false');
  if (!answer.ok) {
    renderError(status, answer.data.error, 'Search failed:');
    results.replaceChildren();
    return;
  }
  const institutions = answer.data.institutions;
  status.textContent = `${institutions.length} institution${institutions.length === 1 ? '' : 's'} found (Plaid request ${answer.data.requestId}).`;
  results.replaceChildren(...institutions.map(institutionItem));
}

/** Wires the institution auth-support check. */
export function initAuthCheck() {
  byId('auth-form').addEventListener('submit', search);
}

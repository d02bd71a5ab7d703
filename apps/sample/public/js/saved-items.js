import { api } from './api.js';
import { byId, h, show } from './dom.js';
import { onWebhook } from './event-stream.js';
import { onStateChange, state, update } from './state.js';

/** The Item lifecycle status as words: healthy, needs update, expiring with the date, revoked. */
export function describeStatus(status) {
  const reason = status.reason ? ` (${status.reason})` : '';
  if (status.status === 'needs_update') return `needs update${reason}`;
  if (status.status === 'expiring') {
    const when = status.expiresAt ? ` on ${status.expiresAt.slice(0, 10)}` : '';
    return `expiring${when}${reason}`;
  }
  if (status.status === 'revoked') return `revoked${reason}`;
  return 'healthy';
}

function accountLabel(item, accountId) {
  const account = item.accounts.find((candidate) => candidate.id === accountId) ?? item.accounts[0];
  if (!account) return item.institutionName;
  return `${item.institutionName} · ${account.name}${account.mask ? ` ••${account.mask}` : ''}`;
}

function useItem(item) {
  const accountId = item.stripe?.accountId ?? item.dwolla?.accountId ?? item.accounts[0]?.id ?? null;
  update({ link: null, itemId: item.itemId, accountId, accountLabel: accountLabel(item, accountId) });
  byId('connected').textContent = `Using the saved Item ${item.itemId}: ${state.accountLabel}.`;
  byId('connected').focus();
}

function renderItem(item) {
  const links = [];
  if (item.stripe) links.push(`Stripe ${item.stripe.destination}`);
  if (item.dwolla) links.push(`Dwolla ${item.dwolla.destination}`);
  return h(
    'li',
    { className: 'saved-item', dataset: { itemId: item.itemId, status: item.status.status } },
    h('strong', {}, item.institutionName || item.institutionId),
    ' ',
    h('code', {}, item.itemId),
    ' ',
    h(
      'span',
      { className: `badge item-status item-status-${item.status.status}` },
      describeStatus(item.status),
    ),
    h('br'),
    h('span', { className: 'hint' }, links.length > 0 ? links.join(' · ') : 'No processor link yet.'),
    ' ',
    h(
      'button',
      {
        type: 'button',
        className: 'secondary small',
        onclick: () => useItem(item),
        disabled: state.itemId === item.itemId,
      },
      state.itemId === item.itemId ? 'In use' : 'Use this Item',
    ),
  );
}

let refreshing = false;
let again = false;

/** Re-reads the saved Items (after a flow, a webhook or a restart) and renders them with their status. */
export async function refreshSavedItems() {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = true;
  try {
    const answer = await api('GET', '/api/items');
    if (!answer.ok) return;
    const { items, durable } = answer.data;
    byId('saved-items-hint').textContent = durable
      ? 'Kept in the database (access tokens encrypted), so they are still here after a restart.'
      : 'Kept in memory: they disappear when the server stops.';
    byId('saved-items').replaceChildren(...items.map(renderItem));
    show(byId('saved-items-empty'), items.length === 0);
  } finally {
    refreshing = false;
    if (again) {
      again = false;
      refreshSavedItems();
    }
  }
}

/** Wires the saved Items list. */
export function initSavedItems() {
  let lastItemId = state.itemId;
  onStateChange(() => {
    if (state.itemId !== lastItemId) {
      lastItemId = state.itemId;
      refreshSavedItems();
    }
  });
  onWebhook(() => refreshSavedItems());
  refreshSavedItems();
}

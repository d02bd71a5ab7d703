import { h } from './dom.js';

const CATEGORY_LABELS = {
  client_action: 'Client action: fix the integration',
  user_action: 'User action: the user has to act',
  retryable: 'Retryable: try again later',
  unknown: 'Unknown: read the message',
};

let cards = 0;

/** Human label of an error category. */
export function categoryLabel(category) {
  return CATEGORY_LABELS[category] ?? CATEGORY_LABELS.unknown;
}

function text(value) {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * The one error card of the page: heading and code (its accessible name, e.g. "Link failed: ITEM_LOCKED"),
 * category, message, remediation, field and request id; a row whose value is missing is left out entirely.
 */
export function errorCard(error, heading = 'Something went wrong') {
  const id = `error-card-${++cards}`;
  const code = text(error?.code) ?? 'ERROR';
  const rows = [
    h(
      'p',
      { id, className: 'error-heading' },
      h('strong', {}, text(heading) ?? 'Something went wrong'),
      ' ',
      h('code', { className: 'error-code' }, code),
    ),
  ];
  if (text(error?.category)) {
    rows.push(h('p', {}, h('span', { className: 'category' }, categoryLabel(error.category))));
  }
  rows.push(h('p', { className: 'error-message' }, text(error?.message) ?? 'No message was given.'));
  if (text(error?.remediation)) {
    rows.push(h('p', { className: 'remediation' }, h('strong', {}, 'What to do: '), error.remediation));
  }
  if (text(error?.field)) rows.push(h('p', {}, 'Field: ', h('code', {}, error.field)));
  if (text(error?.requestId)) rows.push(h('p', {}, 'Request id: ', h('code', {}, error.requestId)));
  return h('div', { className: 'error-card', role: 'group', 'aria-labelledby': id }, ...rows);
}

/** Shows `error` as the only content of `container` (styled as an error alert). */
export function renderError(container, error, heading) {
  container.replaceChildren(errorCard(error, heading));
  container.classList.add('alert', 'alert-error');
  container.hidden = false;
}

/** Empties `container` and removes the error styling `renderError` added. */
export function clearError(container) {
  container.replaceChildren();
  container.classList.remove('alert', 'alert-error');
}

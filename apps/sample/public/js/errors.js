import { h } from './dom.js';

const CATEGORY_LABELS = {
  client_action: 'Client action: fix the integration',
  user_action: 'User action: the user has to act',
  retryable: 'Retryable: try again later',
  unknown: 'Unknown: read the message',
};

/** Human label of an error category. */
export function categoryLabel(category) {
  return CATEGORY_LABELS[category] ?? CATEGORY_LABELS.unknown;
}

/** Fills `container` with an error: code, category, message and remediation. */
export function renderError(container, error, heading = 'Something went wrong') {
  container.replaceChildren(
    h('p', {}, h('strong', {}, heading), ' ', h('code', { className: 'error-code' }, error.code ?? 'ERROR')),
    error.category ? h('p', {}, h('span', { className: 'category' }, categoryLabel(error.category))) : null,
    h('p', { className: 'error-message' }, error.message ?? ''),
    error.remediation
      ? h('p', { className: 'remediation' }, h('strong', {}, 'What to do: '), error.remediation)
      : null,
    error.field ? h('p', {}, 'Field: ', h('code', {}, error.field)) : null,
    error.requestId ? h('p', {}, 'Request id: ', h('code', {}, error.requestId)) : null,
  );
  container.hidden = false;
}

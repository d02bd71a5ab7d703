import { byId, h } from './dom.js';
import { categoryLabel } from './errors.js';
import { connectEvents, onStreamState, onWebhook } from './event-stream.js';
import { state } from './state.js';

const seen = new Set();

function entry(event) {
  if (event.type === 'webhook_rejected') {
    return h(
      'li',
      { className: 'event', dataset: { type: event.type } },
      h('strong', {}, 'Rejected webhook'),
      ` (${event.reason}): ${event.message}`,
    );
  }
  const [type, code] = [event.webhookType ?? '?', event.webhookCode ?? '?'];
  return h(
    'li',
    { className: 'event', dataset: { type: event.type, kind: event.kind } },
    h('strong', {}, `${type} ${code}`),
    ' · verified ✓',
    event.itemId ? ` · Item ${event.itemId}` : '',
    ` · ${new Date(event.receivedAt).toLocaleTimeString()}`,
    event.error
      ? h(
          'div',
          {},
          h('code', {}, event.error.code),
          ' ',
          h('span', { className: 'category' }, categoryLabel(event.error.category)),
          ' ',
          event.error.remediation,
        )
      : null,
  );
}

/** Shows verified webhooks (and rejected deliveries) live from the server's event stream. */
export function initEventLog() {
  const log = byId('event-log');
  const streamState = byId('event-stream-state');
  const listening = state.info.webhookUrl
    ? 'Listening for webhooks.'
    : 'Listening, but no webhook URL is set: the real Plaid Sandbox cannot reach this machine. ' +
      'Set WEBHOOK_URL to a public HTTPS URL that forwards to /api/webhooks/plaid.';
  onStreamState((value) => {
    streamState.textContent =
      value === 'open' ? listening : value === 'reconnecting' ? 'Reconnecting…' : 'Disconnected.';
    streamState.dataset.state = value;
  });
  onWebhook((event, id) => {
    if (seen.has(id)) return;
    seen.add(id);
    log.append(entry(event));
  });
  connectEvents();
}

/** One EventSource for the whole page: progress steps go to run listeners, webhooks to the event log. */

const runListeners = new Map();
const webhookListeners = new Set();
const stateListeners = new Set();
let source;

/** Opens `/api/events` once. */
export function connectEvents() {
  if (source) return;
  source = new EventSource('/api/events');
  source.addEventListener('open', () => notifyState('open'));
  source.addEventListener('error', () =>
    notifyState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'),
  );
  source.addEventListener('step', (message) => {
    const event = JSON.parse(message.data);
    runListeners.get(event.runId)?.(event.step);
  });
  for (const type of ['webhook', 'webhook_rejected']) {
    source.addEventListener(type, (message) => {
      const event = JSON.parse(message.data);
      for (const listener of webhookListeners) listener(event, Number(message.lastEventId));
    });
  }
}

function notifyState(state) {
  for (const listener of stateListeners) listener(state);
}

/** Calls `listener(step)` for progress events of `runId` until the returned function is called. */
export function onRunProgress(runId, listener) {
  runListeners.set(runId, listener);
  return () => runListeners.delete(runId);
}

/** Calls `listener(event, id)` for every webhook event (verified or rejected). */
export function onWebhook(listener) {
  webhookListeners.add(listener);
}

/** Calls `listener('open' | 'reconnecting' | 'closed')` when the stream's state changes. */
export function onStreamState(listener) {
  stateListeners.add(listener);
}

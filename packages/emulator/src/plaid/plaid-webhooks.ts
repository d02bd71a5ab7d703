import { createUuid } from '../ids.js';
import type { EmulatorClock } from '../types.js';
import type { PlaidItem, PlaidState, PlaidWebhookEvent } from './plaid-state.js';

/** Delivers a recorded webhook (signing and HTTP delivery plug in here; see issue #6). */
export type PlaidWebhookDispatcher = (event: PlaidWebhookEvent) => void;

/** Records the webhooks the emulated Plaid would send and hands them to an optional dispatcher. */
export interface PlaidWebhookEmitter {
  /**
   * Records `webhook_type`/`webhook_code` (+ fields) for `item` if it has a webhook URL; adds `item_id`
   * and `environment`. Returns the event, or undefined when the Item has no webhook.
   */
  emit(
    item: PlaidItem,
    payload: { webhook_type: string; webhook_code: string } & Record<string, unknown>,
  ): PlaidWebhookEvent | undefined;
  /** Installs (or removes) the dispatcher that delivers recorded events. */
  setDispatcher(dispatcher: PlaidWebhookDispatcher | undefined): void;
}

/** Creates the webhook emitter over `state.webhookEvents`. */
export function createPlaidWebhookEmitter(state: PlaidState, clock: EmulatorClock): PlaidWebhookEmitter {
  let dispatcher: PlaidWebhookDispatcher | undefined;
  return {
    emit(item, payload) {
      if (item.webhook === null) return undefined;
      const event: PlaidWebhookEvent = {
        id: createUuid(),
        itemId: item.itemId,
        url: item.webhook,
        webhookType: payload.webhook_type,
        webhookCode: payload.webhook_code,
        payload: { ...payload, item_id: item.itemId, environment: 'sandbox' },
        createdAt: clock.now(),
      };
      state.webhookEvents.push(event);
      dispatcher?.(event);
      return event;
    },
    setDispatcher(next) {
      dispatcher = next;
    },
  };
}

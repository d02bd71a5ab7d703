import {
  InputValidationError,
  type PlaidKnownWebhookEvent,
  type PlaidWebhookEvent,
  parseInput,
  parsePlaidWebhook,
  plaidWebhookDedupeKey,
  type RawWebhookBody,
  rawBodyText,
} from '@achbridge/core';
import { z } from 'zod';
import type { Store } from './create-store.js';
import { enqueueOptionSchema, inboxRunOptionSchema, recordThenProcess } from './inbox-routing.js';
import { itemStatusForWebhook } from './item-lifecycle.js';
import type { InboxDelivery, InboxProcessResult, InboxRunOptions } from './webhook-inbox.js';

/** The known event with this `webhook_type` and `webhook_code`. */
export type PlaidEventOf<Type extends string, Code extends string> = Extract<
  PlaidKnownWebhookEvent,
  { kind: `${Type}.${Code}` }
>;

/** A handler of one event kind; it receives the stored delivery too (attempts, received-at). */
export type PlaidWebhookHandler<Event> = (event: Event, delivery: InboxDelivery) => Promise<void> | void;

/** What `receive` did with a delivery. */
export interface ReceiveResult {
  /** The delivery's dedupe key (SHA-256 of the raw body, item id and code). */
  dedupeKey: string;
  /** True when the same delivery had been stored before (a redelivery). */
  duplicate: boolean;
  /** `queued` in queue mode; otherwise how processing ended (`already_done` for a duplicate). */
  result: InboxProcessResult | 'queued';
}

/** Settings of `createPlaidWebhookRouter`. */
export interface PlaidWebhookRouterOptions {
  /** The store whose inbox keeps deliveries and whose Items get status updates. */
  store: Store;
  /** `inline` (default): `receive` stores and processes at once; `queue`: `receive` only stores (and calls `enqueue`), workers process. */
  mode?: 'inline' | 'queue' | undefined;
  /** Update stored Items' status from ITEM webhooks before the handlers run (default true). */
  itemLifecycle?: boolean | undefined;
  /** Lease, attempts and retry delay of handler runs. */
  run?: InboxRunOptions | undefined;
  /**
   * Queue mode: called with the dedupe key after each delivery is stored (a redelivery too, so a crash
   * between storing and enqueueing heals), e.g. the `enqueue` of `defineInboxJob` from `@achbridge/store/jobs`.
   */
  enqueue?: ((dedupeKey: string) => Promise<unknown>) | undefined;
}

/** Routes verified Plaid webhooks to typed handlers, at most once to completion per delivery. */
export interface PlaidWebhookRouter {
  /** Registers the handler of one `webhook_type` / `webhook_code` (one per kind; a second replaces the first). */
  on<
    Type extends PlaidKnownWebhookEvent['webhookType'],
    Code extends PlaidEventOf<Type, string>['webhookCode'],
  >(type: Type, code: Code, handler: PlaidWebhookHandler<PlaidEventOf<Type, Code>>): PlaidWebhookRouter;
  /** Registers the handler of every event without its own handler, unknown types included. */
  fallback(handler: PlaidWebhookHandler<PlaidWebhookEvent>): PlaidWebhookRouter;
  /**
   * Takes a delivery whose signature you verified (Plaid's `iat` window is 5 minutes, so verify at ingress):
   * stores it once under its dedupe key, then processes it now (`inline`) or leaves it to `processNext` (`queue`).
   */
  receive(body: RawWebhookBody): Promise<ReceiveResult>;
  /** Processes one stored delivery by key (for a job per delivery). */
  process(dedupeKey: string): Promise<InboxProcessResult>;
  /** Processes the oldest ready delivery; null when none is ready (queue workers loop on this). */
  processNext(): Promise<{ delivery: InboxDelivery; result: InboxProcessResult } | null>;
}

const optionsSchema = z.strictObject({
  store: z.custom<Store>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { setItemStatus?: unknown }).setItemStatus === 'function' &&
      typeof (value as { inbox?: { record?: unknown } }).inbox?.record === 'function',
    'must be a store from createStore',
  ),
  mode: z.enum(['inline', 'queue']).optional(),
  itemLifecycle: z.boolean().optional(),
  run: inboxRunOptionSchema,
  enqueue: enqueueOptionSchema,
});
const handlerSchema = z.custom<PlaidWebhookHandler<never>>(
  (value) => typeof value === 'function',
  'must be a function',
);
const kindSchema = z.object({
  type: z.string().min(1, 'must be a webhook_type'),
  code: z.string().min(1, 'must be a webhook_code'),
  handler: handlerSchema,
});

function envelopeOf(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputValidationError('PlaidWebhookRouter.receive', [
      { path: 'body', message: 'must be a JSON object (the verified webhook body)' },
    ]);
  }
  return value as Record<string, unknown>;
}

/** Creates a Plaid webhook router over a store's inbox, with Item status updates from ITEM webhooks. */
export function createPlaidWebhookRouter(options: PlaidWebhookRouterOptions): PlaidWebhookRouter {
  const parsed = parseInput('createPlaidWebhookRouter', optionsSchema, options);
  const store = options.store;
  const handlers = new Map<string, PlaidWebhookHandler<PlaidWebhookEvent>>();
  let fallback: PlaidWebhookHandler<PlaidWebhookEvent> | undefined;
  const lifecycle = parsed.itemLifecycle ?? true;
  const run = parsed.run ?? {};

  const handle = async (delivery: InboxDelivery): Promise<void> => {
    const event = parsePlaidWebhook(delivery.envelope);
    if (lifecycle) {
      const change = itemStatusForWebhook(event);
      if (change !== null) {
        try {
          await store.setItemStatus(change);
        } catch (error) {
          // An Item this app does not keep is not an error of the delivery.
          if ((error as { code?: unknown }).code !== 'STORE_ITEM_NOT_FOUND') throw error;
        }
      }
    }
    const handler = event.kind === 'unknown' ? fallback : (handlers.get(event.kind) ?? fallback);
    if (handler !== undefined) await handler(event, delivery);
  };

  const router: PlaidWebhookRouter = {
    on(type, code, handler) {
      parseInput('PlaidWebhookRouter.on', kindSchema, { type, code, handler });
      handlers.set(`${type}.${code}`, handler as PlaidWebhookHandler<PlaidWebhookEvent>);
      return router;
    },
    fallback(handler) {
      parseInput('PlaidWebhookRouter.fallback', z.object({ handler: handlerSchema }), { handler });
      fallback = handler;
      return router;
    },
    async receive(body) {
      const text = rawBodyText(body);
      const envelope = envelopeOf(text);
      const event = parsePlaidWebhook(envelope);
      const itemId = 'itemId' in event && typeof event.itemId === 'string' ? event.itemId : null;
      const webhookCode = event.webhookCode ?? null;
      return recordThenProcess(
        store.inbox,
        {
          provider: 'plaid',
          dedupeKey: plaidWebhookDedupeKey({ body, itemId, webhookCode }),
          eventType: event.webhookType,
          eventCode: webhookCode,
          itemId,
          envelope,
        },
        { mode: parsed.mode, enqueue: options.enqueue, handle, run },
      );
    },
    process: (dedupeKey) => store.inbox.process(dedupeKey, handle, run),
    // An inbox shared with other routers (payment outcomes): take Plaid deliveries only.
    processNext: () => store.inbox.processNext(handle, { ...run, providers: ['plaid'] }),
  };
  return router;
}

import {
  createPaymentOutcomeTracker,
  type Logger,
  type PaymentKey,
  type PaymentOutcome,
  type PaymentOutcomeListener,
  type PaymentOutcomeTracker,
  type PaymentOutcomeUpdate,
  parseInput,
} from '@achbridge/core';
import { z } from 'zod';
import type { Store } from './create-store.js';
import { enqueueOptionSchema, inboxRunOptionSchema, recordThenProcess } from './inbox-routing.js';
import type { InboxDelivery, InboxProcessResult, InboxRunOptions } from './webhook-inbox.js';

/**
 * Turns one verified processor event (its JSON body) into an outcome update, or undefined for an event that
 * is not about a payment's outcome. Examples: `@achbridge/stripe`'s `stripeOutcomeFromEvent`, and
 * `@achbridge/dwolla`'s `createDwollaOutcomeMapper(adapter.getTransfer)`.
 */
export type PaymentOutcomeMapper = (
  event: Record<string, unknown>,
  delivery: InboxDelivery,
) => Promise<PaymentOutcomeUpdate | undefined> | PaymentOutcomeUpdate | undefined;

/** Settings of `createPaymentOutcomeRouter`. */
export interface PaymentOutcomeRouterOptions {
  /** The store whose inbox keeps deliveries and whose payments ledger keeps outcomes. */
  store: Store;
  /** One mapper per processor name (an open string such as `stripe` or `dwolla`). */
  processors: Record<string, PaymentOutcomeMapper>;
  /** `inline` (default): `receive` stores and applies at once; `queue`: `receive` only stores, workers call `processNext`. */
  mode?: 'inline' | 'queue' | undefined;
  /** Lease, attempts and retry delay of event runs. */
  run?: Omit<InboxRunOptions, 'providers'> | undefined;
  /** Receives subscriber failures (redacted). */
  logger?: Logger | undefined;
  /**
   * Queue mode: called with the inbox key after each event is stored (a redelivery too, so a crash between
   * storing and enqueueing heals), e.g. the `enqueue` of `defineInboxJob` from `@achbridge/store/jobs`.
   */
  enqueue?: ((dedupeKey: string) => Promise<unknown>) | undefined;
}

/** One verified processor event, as `receive` takes it. */
export interface PaymentOutcomeEventInput {
  /** The processor: a key of `processors`. */
  processor: string;
  /** The processor's event id (Stripe `evt_…`, Dwolla's event id): a redelivery has the same id and is stored once. */
  eventId: string;
  /** The event type or topic, kept in the inbox for operators. */
  eventType?: string | undefined;
  /** The verified event body as JSON. */
  event: Record<string, unknown>;
}

/** What `receive` did with an event. */
export interface PaymentOutcomeReceiveResult {
  /** The inbox key: `<processor>:<event id>`. */
  dedupeKey: string;
  /** True when the same event had been stored before (a redelivery). */
  duplicate: boolean;
  /** `queued` in queue mode; otherwise how processing ended (`already_done` for a duplicate). */
  result: InboxProcessResult | 'queued';
}

/** Routes verified Stripe, Dwolla (or other) events through the inbox into the payments ledger's outcomes. */
export interface PaymentOutcomeRouter {
  /**
   * Stores a verified event once under `<processor>:<event id>` before anything else, then applies it now
   * (`inline`) or leaves it to `processNext` (`queue`). Answer the processor 2xx once this resolves.
   */
  receive(input: PaymentOutcomeEventInput): Promise<PaymentOutcomeReceiveResult>;
  /** Applies one stored event by its inbox key. */
  process(dedupeKey: string): Promise<InboxProcessResult>;
  /** Applies the oldest ready event of these processors; null when none is ready (queue workers loop on this). */
  processNext(): Promise<{ delivery: InboxDelivery; result: InboxProcessResult } | null>;
  /**
   * Re-drives every ready stored event (received but never applied, failed and due, or held by a worker
   * whose lease ran out, e.g. after a crash) until none is left or `max` ran; resolves with how many ran.
   */
  drain(options?: { max?: number | undefined }): Promise<number>;
  /** Calls `listener` once per outcome change this process applies; returns a function that unsubscribes. */
  subscribe(listener: PaymentOutcomeListener): () => void;
  /** A payment's outcome as the ledger holds it. */
  get(key: PaymentKey): Promise<PaymentOutcome | undefined>;
  /** The tracker over the ledger: apply poll or API results through it so subscribers hear of them too. */
  readonly tracker: PaymentOutcomeTracker;
}

const mapperSchema = z.custom<PaymentOutcomeMapper>((value) => typeof value === 'function', {
  error: 'must be a function',
});
const processorName = z.string().trim().min(1, 'must be a non-empty string').max(100);
const optionsSchema = z.strictObject({
  store: z.custom<Store>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { paymentOutcomes?: { compareAndSet?: unknown } }).paymentOutcomes?.compareAndSet ===
        'function' &&
      typeof (value as { inbox?: { record?: unknown } }).inbox?.record === 'function',
    'must be a store from createStore',
  ),
  processors: z
    .record(processorName, mapperSchema)
    .refine((value) => Object.keys(value).length > 0, 'must map at least one processor'),
  mode: z.enum(['inline', 'queue']).optional(),
  run: inboxRunOptionSchema,
  logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null).optional(),
  enqueue: enqueueOptionSchema,
});
const eventSchema = z.strictObject({
  processor: processorName,
  eventId: z.string().trim().min(1, 'must be the processor’s event id').max(500),
  eventType: z.string().max(200).optional(),
  event: z.record(z.string(), z.unknown()),
});
const drainSchema = z.strictObject({ max: z.number().int().min(1).max(1_000_000).optional() }).optional();

/**
 * Creates the payment outcome router: each verified event is stored in the store's webhook inbox first,
 * then mapped to an outcome update and applied to the payments ledger by compare-and-set with status
 * precedence. A redelivered event is stored once; a different event with the same or an older status
 * (out of order) leaves the ledger as it is; an event stored before a crash is applied by `drain`.
 */
export function createPaymentOutcomeRouter(options: PaymentOutcomeRouterOptions): PaymentOutcomeRouter {
  const parsed = parseInput('createPaymentOutcomeRouter', optionsSchema, options);
  const store = options.store;
  const processors = new Map(Object.entries(options.processors));
  const tracker = createPaymentOutcomeTracker({ store: store.paymentOutcomes, logger: options.logger });
  const run: InboxRunOptions = parsed.run ?? {};
  const nextOptions: InboxRunOptions = { ...run, providers: [...processors.keys()] };

  const handle = async (delivery: InboxDelivery): Promise<void> => {
    const mapper = processors.get(delivery.provider);
    if (mapper === undefined) return;
    const update = await mapper(delivery.envelope, delivery);
    if (update !== undefined) await tracker.apply(update);
  };

  const router: PaymentOutcomeRouter = {
    tracker,
    async receive(input) {
      const valid = parseInput('PaymentOutcomeRouter.receive', eventSchema, input);
      if (!processors.has(valid.processor)) {
        parseInput(
          'PaymentOutcomeRouter.receive',
          z.object({ processor: z.enum([...processors.keys()] as [string, ...string[]]) }),
          { processor: valid.processor },
        );
      }
      return recordThenProcess(
        store.inbox,
        {
          provider: valid.processor,
          dedupeKey: `${valid.processor}:${valid.eventId}`,
          eventType: valid.eventType ?? null,
          envelope: valid.event,
        },
        { mode: parsed.mode, enqueue: options.enqueue, handle, run },
      );
    },
    process: (dedupeKey) => store.inbox.process(dedupeKey, handle, run),
    processNext: () => store.inbox.processNext(handle, nextOptions),
    async drain(drainOptions) {
      const max = parseInput('PaymentOutcomeRouter.drain', drainSchema, drainOptions)?.max ?? 10_000;
      let ran = 0;
      while (ran < max) {
        const next = await store.inbox.processNext(handle, nextOptions);
        if (next === null) break;
        ran += 1;
      }
      return ran;
    },
    subscribe: (listener) => tracker.subscribe(listener),
    get: (key) => tracker.get(key),
  };
  return router;
}

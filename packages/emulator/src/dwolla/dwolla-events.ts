import { randomUUID } from 'node:crypto';
import type { DwollaLinks } from './dwolla-links.js';
import type { DwollaTransferTopic } from './dwolla-transfer-topics.js';

/** Event topics the emulator records (a subset of Dwolla's webhook topics). */
export type DwollaEventTopic =
  | 'customer_created'
  | 'customer_verified'
  | 'customer_funding_source_added'
  | 'customer_funding_source_verified'
  | 'customer_funding_source_removed'
  | DwollaTransferTopic;

/** One recorded event; the webhook feature turns these into signed deliveries. */
export interface DwollaEventRecord {
  id: string;
  topic: DwollaEventTopic;
  created: string;
  /** Id of the resource the event is about (customer, funding source or transfer). */
  resourceId: string;
  /** `customers`, `funding-sources` or `transfers`: where `resourceId` lives. */
  resourceCollection: 'customers' | 'funding-sources' | 'transfers';
  /** The customer the event concerns; absent for account-level events (`transfer_*`). */
  customerId: string | undefined;
}

/** Called synchronously after an event is recorded. */
export type DwollaEventListener = (event: DwollaEventRecord) => void;

/** The ordered event list plus subscribers. */
export interface DwollaEventLog {
  /** Records an event and notifies listeners (a throwing listener does not affect the request). */
  record(
    topic: DwollaEventTopic,
    input: Omit<DwollaEventRecord, 'id' | 'topic' | 'created'>,
    now: number,
  ): DwollaEventRecord;
  /** All events, oldest first. */
  list(): readonly DwollaEventRecord[];
  /** Looks an event up by id. */
  get(id: string): DwollaEventRecord | undefined;
  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: DwollaEventListener): () => void;
  /** Drops all events (listeners stay). */
  clear(): void;
}

/** Creates an empty event log. */
export function createDwollaEventLog(): DwollaEventLog {
  const events: DwollaEventRecord[] = [];
  const listeners = new Set<DwollaEventListener>();
  return {
    record(topic, input, now) {
      const event: DwollaEventRecord = {
        id: randomUUID(),
        topic,
        created: new Date(now).toISOString(),
        ...input,
      };
      events.push(event);
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A listener's failure must not turn a successful API call into an error.
        }
      }
      return event;
    },
    list: () => events,
    get: (id) => events.find((event) => event.id === id),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    clear() {
      events.length = 0;
    },
  };
}

/** The fixed id of the emulated Dwolla master account (events link to it). */
export const DWOLLA_ACCOUNT_ID = 'ad5f2162-404a-4c4c-994e-6ab6c3a13254';

const RESOURCE_TYPES = {
  customers: 'customer',
  'funding-sources': 'funding-source',
  transfers: 'transfer',
} as const;

/** The HAL representation of an event, as `GET /events/{id}` returns it. */
export function eventView(event: DwollaEventRecord, links: DwollaLinks): Record<string, unknown> {
  const resourceType = RESOURCE_TYPES[event.resourceCollection];
  return {
    _links: {
      self: links.link(`/events/${event.id}`, 'event'),
      account: links.link(`/accounts/${DWOLLA_ACCOUNT_ID}`, 'account'),
      resource: links.link(`/${event.resourceCollection}/${event.resourceId}`, resourceType),
      ...(event.customerId === undefined
        ? {}
        : { customer: links.link(`/customers/${event.customerId}`, 'customer') }),
    },
    id: event.id,
    created: event.created,
    topic: event.topic,
    resourceId: event.resourceId,
  };
}

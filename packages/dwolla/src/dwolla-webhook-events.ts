import { lazySchema } from '@achbridge/core/internal';
import { z } from 'zod';
import { idFromDwollaUrl } from './dwolla-url.js';

/** Funding source topics, customer-level and account-level. */
export const DWOLLA_FUNDING_SOURCE_TOPICS = [
  'customer_funding_source_added',
  'customer_funding_source_removed',
  'customer_funding_source_verified',
  'customer_funding_source_unverified',
  'customer_funding_source_negative',
  'customer_funding_source_updated',
  'funding_source_added',
  'funding_source_removed',
  'funding_source_verified',
  'funding_source_unverified',
  'funding_source_negative',
  'funding_source_updated',
] as const;

/** A Dwolla webhook topic about a funding source. */
export type DwollaFundingSourceTopic = (typeof DWOLLA_FUNDING_SOURCE_TOPICS)[number];

const linkSchema = lazySchema(() => z.looseObject({ href: z.string().min(1) }));

/** The body of a Dwolla webhook (an Event resource). */
export const dwollaWebhookBodySchema = lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    resourceId: z.string().min(1),
    topic: z.string().min(1),
    timestamp: z.string().optional(),
    created: z.string().optional(),
    _links: z
      .looseObject({
        self: linkSchema().optional(),
        account: linkSchema().optional(),
        resource: linkSchema().optional(),
        customer: linkSchema().optional(),
      })
      .optional(),
  }),
);

/** Fields every verified Dwolla webhook event has. */
export interface DwollaWebhookEventBase {
  /** The event id; use it to drop duplicate deliveries. */
  id: string;
  topic: string;
  /** Id of the resource the event is about. */
  resourceId: string;
  /** When the event happened (`created`, or `timestamp` in older payloads). */
  createdAt: string | null;
  /** `_links.resource.href`. */
  resourceUrl: string | null;
  /** `_links.customer.href`, when the event belongs to a customer. */
  customerUrl: string | null;
  /** Id of the customer, from `customerUrl`. */
  customerId: string | null;
  /** `_links.self.href`: the event at Dwolla. */
  eventUrl: string | null;
  /** The parsed body as delivered. */
  body: Record<string, unknown>;
}

/** A funding source was added, removed, verified, unverified, went negative or was updated. */
export interface DwollaFundingSourceWebhookEvent extends DwollaWebhookEventBase {
  kind: 'funding_source';
  topic: DwollaFundingSourceTopic;
  /** The funding source id (`resourceId`). */
  fundingSourceId: string;
}

/** Any other topic (customers, transfers, new topics): tolerated, not interpreted. */
export interface DwollaOtherWebhookEvent extends DwollaWebhookEventBase {
  kind: 'other';
}

/** A verified Dwolla webhook event; switch on `kind`. */
export type DwollaWebhookEvent = DwollaFundingSourceWebhookEvent | DwollaOtherWebhookEvent;

const FUNDING_SOURCE_TOPICS: ReadonlySet<string> = new Set(DWOLLA_FUNDING_SOURCE_TOPICS);

/** Whether `topic` is one of the funding source topics. */
export function isFundingSourceTopic(topic: string): topic is DwollaFundingSourceTopic {
  return FUNDING_SOURCE_TOPICS.has(topic);
}

/** Builds the typed event from a validated body. */
export function toDwollaWebhookEvent(
  body: z.output<ReturnType<typeof dwollaWebhookBodySchema>>,
): DwollaWebhookEvent {
  const customerUrl = body._links?.customer?.href ?? null;
  const base: DwollaWebhookEventBase = {
    id: body.id,
    topic: body.topic,
    resourceId: body.resourceId,
    createdAt: body.created ?? body.timestamp ?? null,
    resourceUrl: body._links?.resource?.href ?? null,
    customerUrl,
    customerId: customerUrl === null ? null : (idFromDwollaUrl(customerUrl) ?? null),
    eventUrl: body._links?.self?.href ?? null,
    body,
  };
  if (isFundingSourceTopic(body.topic)) {
    return { ...base, kind: 'funding_source', topic: body.topic, fundingSourceId: body.resourceId };
  }
  return { ...base, kind: 'other' };
}

import { randomUUID } from 'node:crypto';
import { checkFields } from '../kernel/field-spec.js';
import { checkBody } from '../kernel/field-spec-read.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import type { EmulatorClock, EmulatorResponse } from '../types.js';
import { parseJsonBody } from './dwolla-body.js';
import type { DwollaRouteRequest } from './dwolla-context.js';
import { dwollaError, notFound, validationError } from './dwolla-errors.js';
import { dwollaFieldErrors, dwollaText } from './dwolla-field-errors.js';
import type { DwollaLinks } from './dwolla-links.js';
import { createdResponse, halResponse } from './dwolla-media.js';
import type { DwollaRoute } from './dwolla-router.js';

/** Dwolla Sandbox's limit on webhook subscriptions (Dwolla's docs: ten in Sandbox). */
export const MAX_WEBHOOK_SUBSCRIPTIONS = 10;
/** Dwolla's limit on a subscription secret's length. */
export const MAX_WEBHOOK_SECRET_LENGTH = 128;

/** A webhook subscription; the secret signs deliveries and is never shown. */
export interface DwollaWebhookSubscription {
  id: string;
  url: string;
  secret: string;
  paused: boolean;
  created: string;
  /** The emulator origin the subscription was created through; event links in deliveries use it. */
  origin: string;
}

/** The subscriptions of one emulated Dwolla. */
export interface DwollaSubscriptionStore {
  readonly subscriptions: Map<string, DwollaWebhookSubscription>;
  /** Subscriptions that receive webhooks (not paused). */
  active(): DwollaWebhookSubscription[];
  /** Drops every subscription. */
  clear(): void;
}

/** Creates an empty store. */
export function createDwollaSubscriptionStore(): DwollaSubscriptionStore {
  const subscriptions = new Map<string, DwollaWebhookSubscription>();
  return {
    subscriptions,
    active: () => [...subscriptions.values()].filter((subscription) => !subscription.paused),
    clear: () => subscriptions.clear(),
  };
}

/** Dwolla's WebhookSubscription resource (without the secret). */
export function subscriptionView(
  subscription: DwollaWebhookSubscription,
  links: DwollaLinks,
): Record<string, unknown> {
  const self = `/webhook-subscriptions/${subscription.id}`;
  return {
    _links: {
      self: links.link(self, 'webhook-subscription'),
      webhooks: links.link(`${self}/webhooks`, 'webhook'),
    },
    id: subscription.id,
    url: subscription.url,
    paused: subscription.paused,
    created: subscription.created,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const CREATE_FIELDS: FieldSpecs = {
  url: dwollaText({
    required: true,
    rules: [
      {
        test: isHttpUrl,
        expected: 'an http(s) URL',
        code: 'InvalidFormat',
        message: 'Url must be a valid url.',
      },
    ],
  }),
  secret: dwollaText({
    required: true,
    rules: [
      {
        test: (value) => value.length <= MAX_WEBHOOK_SECRET_LENGTH,
        expected: `at most ${MAX_WEBHOOK_SECRET_LENGTH} characters`,
        code: 'InvalidFormat',
        message: `Secret must be ${MAX_WEBHOOK_SECRET_LENGTH} or fewer characters.`,
      },
    ],
  }),
};

const UPDATE_FIELDS: FieldSpecs = {
  paused: { type: 'boolean', required: true, rejectNull: true, message: 'Paused must be true or false.' },
};

function requireSubscription(store: DwollaSubscriptionStore, id: string): DwollaWebhookSubscription {
  const subscription = store.subscriptions.get(id.toLowerCase());
  if (subscription === undefined) throw notFound('Webhook subscription not found.');
  return subscription;
}

/**
 * The `/webhook-subscriptions` endpoints: create (`{url, secret}` → 201 + Location; at most ten;
 * `ValidationError` for a bad url or a secret over 128 characters), list, retrieve, pause/resume
 * (`POST {paused}`) and delete (200 with the resource).
 */
export function createWebhookSubscriptionRoutes(
  store: DwollaSubscriptionStore,
  clock: EmulatorClock,
): DwollaRoute[] {
  const create = (_context: unknown, route: DwollaRouteRequest): EmulatorResponse => {
    const body = parseJsonBody(route.request.rawBody);
    const checked = checkBody(body, { fields: CREATE_FIELDS, unknown: 'allow' });
    const url = checked.string('url');
    const secret = checked.string('secret');
    if (checked.violations.length > 0 || url === undefined || secret === undefined) {
      throw validationError(dwollaFieldErrors(checked.violations));
    }
    if (store.subscriptions.size >= MAX_WEBHOOK_SUBSCRIPTIONS) {
      throw dwollaError(400, 'MaxNumberOfResources', 'The maximum number of subscriptions has been reached.');
    }
    const subscription: DwollaWebhookSubscription = {
      id: randomUUID(),
      url,
      secret,
      paused: false,
      created: new Date(clock.now()).toISOString(),
      origin: route.request.origin,
    };
    store.subscriptions.set(subscription.id, subscription);
    return createdResponse(route.links.href(`/webhook-subscriptions/${subscription.id}`));
  };

  const list = (_context: unknown, route: DwollaRouteRequest): EmulatorResponse => {
    const all = [...store.subscriptions.values()];
    return halResponse(200, {
      _links: { self: route.links.link('/webhook-subscriptions', 'webhook-subscription') },
      _embedded: { 'webhook-subscriptions': all.map((item) => subscriptionView(item, route.links)) },
      total: all.length,
    });
  };

  const retrieve = (_context: unknown, route: DwollaRouteRequest): EmulatorResponse =>
    halResponse(200, subscriptionView(requireSubscription(store, route.params[0] ?? ''), route.links));

  const update = (_context: unknown, route: DwollaRouteRequest): EmulatorResponse => {
    const subscription = requireSubscription(store, route.params[0] ?? '');
    const body = parseJsonBody(route.request.rawBody);
    const violations = checkFields(body, { fields: UPDATE_FIELDS, unknown: 'allow' });
    const paused = body['paused'];
    if (violations.length > 0 || typeof paused !== 'boolean')
      throw validationError(dwollaFieldErrors(violations));
    subscription.paused = paused;
    return halResponse(200, subscriptionView(subscription, route.links));
  };

  const remove = (_context: unknown, route: DwollaRouteRequest): EmulatorResponse => {
    const subscription = requireSubscription(store, route.params[0] ?? '');
    store.subscriptions.delete(subscription.id);
    return halResponse(200, subscriptionView(subscription, route.links));
  };

  return [
    { method: 'POST', path: '/webhook-subscriptions', handler: create },
    { method: 'GET', path: '/webhook-subscriptions', handler: list },
    { method: 'GET', path: '/webhook-subscriptions/:id', handler: retrieve },
    { method: 'POST', path: '/webhook-subscriptions/:id', handler: update },
    { method: 'DELETE', path: '/webhook-subscriptions/:id', handler: remove },
  ];
}

import type { IncomingHttpHeaders } from 'node:http';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import type { EmulatorClock, EmulatorCredentials, EmulatorRequest, EmulatorResponse } from '../types.js';
import { decodeStripeForm } from './form-decode.js';
import { isStripeVersion } from './stripe-api-version.js';
import { authenticateStripe } from './stripe-auth.js';
import { StripeApiError, stripeErrorBody } from './stripe-errors.js';
import { checkStripeParams } from './stripe-field-errors.js';
import { STRIPE_STRING_LIST } from './stripe-fields.js';
import { createStripeId, randomBase62 } from './stripe-ids.js';

/** A registered webhook endpoint; the secret signs deliveries and is shown only on creation. */
export interface StripeWebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  enabledEvents: string[];
  livemode: boolean;
  created: number;
  /** The `api_version` it was created with (events are rendered at it), or null for the account's default. */
  apiVersion: string | null;
}

/** The webhook endpoints of one emulated Stripe. */
export interface StripeWebhookEndpointStore {
  readonly endpoints: Map<string, StripeWebhookEndpoint>;
  /** Endpoints of the mode that want `type` (`*` wants everything). */
  wanting(type: string, livemode: boolean): StripeWebhookEndpoint[];
  clear(): void;
}

/** Creates an empty store. */
export function createStripeWebhookEndpointStore(): StripeWebhookEndpointStore {
  const endpoints = new Map<string, StripeWebhookEndpoint>();
  return {
    endpoints,
    wanting: (type, livemode) =>
      [...endpoints.values()].filter(
        (endpoint) =>
          endpoint.livemode === livemode &&
          (endpoint.enabledEvents.includes('*') || endpoint.enabledEvents.includes(type)),
      ),
    clear: () => endpoints.clear(),
  };
}

function view(endpoint: StripeWebhookEndpoint, withSecret: boolean): Record<string, unknown> {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    api_version: endpoint.apiVersion,
    application: null,
    created: endpoint.created,
    description: null,
    enabled_events: [...endpoint.enabledEvents],
    livemode: endpoint.livemode,
    metadata: {},
    status: 'enabled',
    url: endpoint.url,
    ...(withSecret ? { secret: endpoint.secret } : {}),
  };
}

function invalid(param: string, message: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_invalid',
    param,
    message,
  });
}

/** Whether a `url` parameter is an http(s) URL. */
function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The parameters of `POST /v1/webhook_endpoints`. */
const CREATE_FIELDS: FieldSpecs = {
  url: {
    type: 'string',
    required: true,
    emptyIsAbsent: true,
    rules: [
      {
        test: isHttpUrl,
        expected: 'an http(s) URL',
        code: 'parameter_invalid',
        message: 'Invalid URL: URL must be formatted like https://example.com/webhooks.',
      },
    ],
  },
  enabled_events: { ...STRIPE_STRING_LIST, required: true, emptyIsAbsent: true },
  api_version: {
    type: 'string',
    rules: [
      {
        test: isStripeVersion,
        expected: 'a Stripe API version',
        code: 'parameter_invalid',
        explain: (value) => `Invalid API version: ${value.slice(0, 64)}`,
      },
    ],
  },
  // Accepted and not stored.
  description: { type: 'any' },
  metadata: { type: 'object', fields: {}, unknown: 'allow' },
};

const EVENT_TYPE = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;

function readCreateParams(rawBody: Buffer): {
  url: string;
  enabledEvents: string[];
  apiVersion: string | null;
} {
  const params = decodeStripeForm(new URLSearchParams(rawBody.toString('utf8')));
  const checked = checkStripeParams(params, { fields: CREATE_FIELDS });
  const enabledEvents = checked.stringList('enabled_events') ?? [];
  for (const type of enabledEvents) {
    if (!EVENT_TYPE.test(type)) throw invalid('enabled_events', `Invalid event type: ${type}`);
  }
  return {
    url: checked.string('url') ?? '',
    enabledEvents: [...new Set(enabledEvents)],
    apiVersion: checked.string('api_version') ?? null,
  };
}

function errorAnswer(error: unknown): EmulatorResponse {
  if (error instanceof StripeApiError) {
    return {
      status: error.status,
      headers: { 'request-id': createStripeId('req') },
      body: stripeErrorBody(error.fields),
    };
  }
  throw error;
}

/**
 * Serves `/v1/webhook_endpoints` (create with `url`, `enabled_events[]` and optionally `api_version`; list;
 * retrieve; delete), or
 * returns undefined for any other path. The signing secret (`whsec_…`) is returned only on creation, as
 * Stripe does.
 */
export function handleWebhookEndpoints(
  request: EmulatorRequest,
  store: StripeWebhookEndpointStore,
  credentials: EmulatorCredentials['stripe'],
  clock: EmulatorClock,
): EmulatorResponse | undefined {
  const match = /^\/webhook_endpoints(?:\/([^/]+))?\/?$/.exec(request.path);
  if (!match) return undefined;
  try {
    const caller = authenticateStripe(request.headers as IncomingHttpHeaders, credentials);
    const id = match[1];
    const method = request.method.toUpperCase();
    const ok = (body: unknown): EmulatorResponse => ({
      status: 200,
      headers: { 'request-id': createStripeId('req') },
      body,
    });
    if (id === undefined && method === 'POST') {
      const { url, enabledEvents, apiVersion } = readCreateParams(request.rawBody);
      const endpoint: StripeWebhookEndpoint = {
        id: createStripeId('we'),
        url,
        secret: `whsec_${randomBase62(32)}`,
        enabledEvents,
        livemode: caller.livemode,
        created: Math.floor(clock.now() / 1000),
        apiVersion,
      };
      store.endpoints.set(endpoint.id, endpoint);
      return ok(view(endpoint, true));
    }
    if (id === undefined && method === 'GET') {
      const data = [...store.endpoints.values()]
        .filter((endpoint) => endpoint.livemode === caller.livemode)
        .reverse()
        .map((endpoint) => view(endpoint, false));
      return ok({ object: 'list', data, has_more: false, url: '/v1/webhook_endpoints' });
    }
    if (id !== undefined && (method === 'GET' || method === 'DELETE')) {
      const endpoint = store.endpoints.get(id);
      if (!endpoint || endpoint.livemode !== caller.livemode) {
        throw new StripeApiError(404, {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'id',
          message: `No such webhook endpoint: '${id}'`,
        });
      }
      if (method === 'GET') return ok(view(endpoint, false));
      store.endpoints.delete(id);
      return ok({ id, object: 'webhook_endpoint', deleted: true });
    }
    throw new StripeApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: /v1${request.path}).`,
    });
  } catch (error) {
    return errorAnswer(error);
  }
}

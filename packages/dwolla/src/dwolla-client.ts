import { createRedactingLogger, ResponseValidationError, registerSecret } from '@achbridge/core';
import {
  abortSignalSchema,
  baseUrlFromEnvironment,
  createProviderPipeline,
  type HttpResponse,
  idempotencyKeySchema,
  lazySchema,
  lazySetting,
  parseInput,
  registerTypedTwin,
  typedTwin,
  withoutTrailingSlash,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { type DwollaClientSettings, parseDwollaClientSettings } from './dwolla-client-settings.js';
import { DWOLLA_ENVIRONMENT_URLS, DWOLLA_MEDIA_TYPE, type DwollaEnvironment } from './dwolla-environments.js';
import { createDwollaApiError, DwollaApiError } from './dwolla-errors.js';
import { createDwollaTokenManager } from './dwolla-token-manager.js';
import { idFromDwollaUrl, resolveDwollaUrl } from './dwolla-url.js';
import { endpointName } from './endpoint-name.js';

/** Per-call options accepted by every Dwolla client method. */
export interface DwollaRequestOptions {
  /** Aborts the call and any pending retry at once. */
  signal?: AbortSignal;
}

/** Options of a POST. */
export interface DwollaPostOptions extends DwollaRequestOptions {
  /** Sent as `Idempotency-Key`; a random UUID when omitted. The same key is reused across retries. */
  idempotencyKey?: string;
}

/** A validated Dwolla answer. */
export interface DwollaResponse<T> {
  status: number;
  data: T;
  /** `X-Request-Id`, when Dwolla sent one. */
  requestId: string | undefined;
  /** The `Location` header, when present. */
  location: string | undefined;
}

/** The answer of a POST that created a resource (`201 Created` + `Location`). */
export interface DwollaCreated {
  status: number;
  /** The new resource's URL, from the `Location` header. */
  location: string;
  /** The new resource's id (last path segment of `location`). */
  id: string;
  requestId: string | undefined;
  /** The Idempotency-Key that was sent. */
  idempotencyKey: string;
}

/** A small, typed Dwolla API client (OAuth client credentials, HAL+JSON, retries, typed errors). */
export interface DwollaClient {
  /** The environment this client talks to. */
  readonly environment: DwollaEnvironment;
  /** The base URL requests go to (no trailing slash). */
  readonly baseUrl: string;
  /** GETs a path or Dwolla URL and validates the JSON body with `schema`. */
  get<S extends z.ZodType>(
    pathOrUrl: string,
    schema: S,
    options?: DwollaRequestOptions & { query?: Record<string, string> },
  ): Promise<DwollaResponse<z.output<S>>>;
  /** POSTs a JSON body (with an Idempotency-Key) and validates the JSON answer with `schema`. */
  post<S extends z.ZodType>(
    pathOrUrl: string,
    body: Record<string, unknown>,
    schema: S,
    options?: DwollaPostOptions,
  ): Promise<DwollaResponse<z.output<S>> & { idempotencyKey: string }>;
  /** POSTs a JSON body that creates a resource; requires `201` with a `Location` header. */
  create(
    pathOrUrl: string,
    body: Record<string, unknown>,
    options?: DwollaPostOptions,
  ): Promise<DwollaCreated>;
  /** Resolves a path or HAL link to a URL on this client's host (foreign hosts are refused). */
  resolveUrl(pathOrUrl: string): string;
}

const pathSchema = lazySchema(() => z.string().min(1, 'must not be empty'));
const bodySchema = lazySchema(() => z.record(z.string(), z.unknown()));
const getOptionsSchema = lazySchema(() =>
  z
    .object({ signal: abortSignalSchema().optional(), query: z.record(z.string(), z.string()).optional() })
    .optional(),
);
const postOptionsSchema = lazySchema(() =>
  z
    .object({
      signal: abortSignalSchema().optional(),
      idempotencyKey: idempotencyKeySchema().optional(),
    })
    .optional(),
);
const schemaSchema = lazySchema(() =>
  z.custom<z.ZodType>(
    (value) => typeof (value as { safeParse?: unknown } | null)?.safeParse === 'function',
    'expected a zod schema',
  ),
);

interface SendOptions {
  method: 'GET' | 'POST';
  url: string;
  /** The id-free endpoint name of `url`, for errors and logs. */
  endpoint: string;
  body?: Record<string, unknown>;
  idempotencyKey?: string;
  signal?: AbortSignal | undefined;
}

const TOKEN_REJECTED = ['expiredaccesstoken', 'invalidaccesstoken'];

/**
 * Creates a Dwolla client. Credentials come from `key`/`secret` or DWOLLA_KEY/DWOLLA_SECRET and are read
 * at the first request, so construction never throws for a missing key. The host is `baseUrl`, else
 * DWOLLA_BASE_URL (validated), else the environment's Dwolla host.
 */
export function createDwollaClient(settings: DwollaClientSettings = {}): DwollaClient {
  const options = parseDwollaClientSettings(settings);
  const environment = options.environment ?? 'sandbox';
  const officialHost = DWOLLA_ENVIRONMENT_URLS[environment];
  const baseUrl = withoutTrailingSlash(
    options.baseUrl ??
      baseUrlFromEnvironment({
        environmentVariable: 'DWOLLA_BASE_URL',
        optionName: 'baseUrl',
        example: 'http://127.0.0.1:4010/dwolla',
      }) ??
      officialHost,
  );
  const logger = createRedactingLogger(options.logger);
  // undefined: core's default transport (Node's HTTP client, far less CPU per request than fetch).
  const fetchFunction = options.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const key = lazySetting({
    value: options.key,
    environmentVariable: 'DWOLLA_KEY',
    optionName: 'key',
    description: 'Dwolla application key',
  });
  const secret = lazySetting({
    value: options.secret,
    environmentVariable: 'DWOLLA_SECRET',
    optionName: 'secret',
    description: 'Dwolla application secret',
    secret: true,
  });
  const tokens = typedTwin(
    createDwollaTokenManager({
      tokenUrl: `${baseUrl}/token`,
      key,
      secret,
      fetch: fetchFunction,
      timeoutMs,
      logger,
    }),
  );
  const resolveUrl = (pathOrUrl: string): string => resolveDwollaUrl(baseUrl, officialHost, pathOrUrl);

  const pipeline = createProviderPipeline({
    provider: 'dwolla',
    baseUrl,
    fetch: fetchFunction,
    timeoutMs,
    // `retry` is the spelling every client shares; the top-level names are deprecated aliases it overrides.
    retry: {
      maxRetries: options.retry?.maxRetries ?? options.maxRetries ?? 2,
      initialDelayMs: options.retry?.initialDelayMs ?? options.retryInitialDelayMs ?? 250,
      ...(options.retry?.maxDelayMs === undefined ? {} : { maxDelayMs: options.retry.maxDelayMs }),
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    },
    logger,
    headers: async (signal) => {
      const token = await tokens.getToken(signal);
      registerSecret(token);
      return { Accept: DWOLLA_MEDIA_TYPE, Authorization: `Bearer ${token}` };
    },
    // An expired or revoked app token: fetch a new one and resend once.
    renewOnUnauthorized: (_response, error, headers) => {
      if (!DwollaApiError.isInstance(error) || !TOKEN_REJECTED.some((code) => error.hasCode(code)))
        return false;
      logger.debug(`dwolla: ${error.code} on ${error.endpoint}; refreshing the token once`, {
        endpoint: error.endpoint,
      });
      tokens.invalidate((headers.Authorization ?? '').slice('Bearer '.length));
      return true;
    },
    toError: (response, { method, endpoint, idempotent }) =>
      createDwollaApiError(response, { method, endpoint, idempotent }),
    codeOf: (error) =>
      DwollaApiError.isInstance(error) ? error.code : (error as { code?: unknown } | undefined)?.code,
  });

  function send(request: SendOptions): Promise<HttpResponse> {
    return pipeline.send({
      method: request.method,
      path: request.url,
      endpoint: request.endpoint,
      body: request.body,
      contentType: DWOLLA_MEDIA_TYPE,
      idempotencyKey: request.idempotencyKey,
      signal: request.signal,
    });
  }

  function parseBody<S extends z.ZodType>(
    schema: S,
    response: HttpResponse,
    endpoint: string,
  ): DwollaResponse<z.output<S>> {
    const { status, data, requestId } = pipeline.parse(schema, response, endpoint);
    return { status, data, requestId, location: response.headers.get('location') ?? undefined };
  }

  /** POSTs `payload` with an Idempotency-Key (the caller's, or a new one reused across retries). */
  async function sendPost(
    path: string,
    payload: Record<string, unknown> | undefined,
    opts: { idempotencyKey?: string | undefined; signal?: AbortSignal | undefined } | undefined,
  ) {
    const idempotencyKey = opts?.idempotencyKey ?? crypto.randomUUID();
    const url = resolveUrl(path);
    const endpoint = endpointName(url, baseUrl);
    const response = await send({
      method: 'POST',
      url,
      endpoint,
      body: payload,
      idempotencyKey,
      signal: opts?.signal,
    });
    return { response, endpoint, idempotencyKey };
  }

  // The methods without input parsing, for this package's own calls (paths, bodies and schemas it built).
  const typed: DwollaClient = {
    environment,
    baseUrl,
    resolveUrl,
    async get(path, schema, opts) {
      const url = new URL(resolveUrl(path));
      for (const [name, value] of Object.entries(opts?.query ?? {})) url.searchParams.set(name, value);
      const href = url.toString();
      const endpoint = endpointName(href, baseUrl);
      const response = await send({ method: 'GET', url: href, endpoint, signal: opts?.signal });
      return parseBody(schema, response, endpoint);
    },
    async post(path, payload, schema, opts) {
      const { response, endpoint, idempotencyKey } = await sendPost(path, payload, opts);
      return { ...parseBody(schema, response, endpoint), idempotencyKey };
    },
    async create(path, payload, opts) {
      const { response, endpoint, idempotencyKey } = await sendPost(path, payload, opts);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      const location = response.headers.get('location') ?? undefined;
      const id = location === undefined ? undefined : idFromDwollaUrl(location);
      if (location === undefined || id === undefined) {
        throw new ResponseValidationError({
          provider: 'dwolla',
          endpoint,
          status: response.status,
          requestId,
          issues: [
            {
              path: 'headers.location',
              message:
                location === undefined
                  ? `expected a Location header with the new resource (status ${response.status})`
                  : 'the Location header does not end in a resource id',
            },
          ],
        });
      }
      return { status: response.status, location, id, requestId, idempotencyKey };
    },
  };

  const client: DwollaClient = {
    environment,
    baseUrl,
    resolveUrl(pathOrUrl) {
      return resolveUrl(parseInput('DwollaClient.resolveUrl', pathSchema(), pathOrUrl));
    },
    async get(pathOrUrl, schema, callOptions) {
      const path = parseInput('DwollaClient.get', pathSchema(), pathOrUrl);
      parseInput('DwollaClient.get', schemaSchema(), schema);
      return typed.get(path, schema, parseInput('DwollaClient.get', getOptionsSchema(), callOptions));
    },
    async post(pathOrUrl, body, schema, callOptions) {
      const path = parseInput('DwollaClient.post', pathSchema(), pathOrUrl);
      const payload = parseInput('DwollaClient.post', bodySchema(), body);
      parseInput('DwollaClient.post', schemaSchema(), schema);
      return typed.post(
        path,
        payload,
        schema,
        parseInput('DwollaClient.post', postOptionsSchema(), callOptions),
      );
    },
    async create(pathOrUrl, body, callOptions) {
      const path = parseInput('DwollaClient.create', pathSchema(), pathOrUrl);
      const payload = parseInput('DwollaClient.create', bodySchema(), body);
      return typed.create(path, payload, parseInput('DwollaClient.create', postOptionsSchema(), callOptions));
    },
  };
  return registerTypedTwin(client, typed);
}

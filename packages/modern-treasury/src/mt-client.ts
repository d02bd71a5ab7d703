import { ConfigError, createRedactingLogger } from '@achbridge/core';
import {
  baseUrlFromEnvironment,
  createProviderPipeline,
  type HttpResponse,
  lazySetting,
  withoutTrailingSlash,
} from '@achbridge/core/internal';
import type { z } from 'zod';
import type { ParsedModernTreasurySettings } from './mt-client-settings.js';
import { liveModeOf, MODERN_TREASURY_API_URL, type ModernTreasuryEnvironment } from './mt-environments.js';
import { createModernTreasuryApiError, ModernTreasuryApiError } from './mt-errors.js';

/** Per-request options of the client. */
export interface MtRequestOptions {
  signal?: AbortSignal | undefined;
  query?: Record<string, string> | undefined;
}

/** A validated answer. */
export interface MtResponse<T> {
  status: number;
  data: T;
  /** The next page's cursor (`X-After-Cursor`), for lists. */
  afterCursor: string | undefined;
}

/** The small Modern Treasury HTTP client the adapter is built on (HTTP Basic, JSON, retries, typed errors). */
export interface MtClient {
  readonly environment: ModernTreasuryEnvironment;
  readonly baseUrl: string;
  /** Whether an answer has shown the API key's environment yet (every object carries `live_mode`). */
  readonly modeVerified: boolean;
  /** GETs a path below the base URL and validates the JSON body. */
  get<S extends z.ZodType>(
    path: string,
    schema: S,
    options?: MtRequestOptions,
  ): Promise<MtResponse<z.output<S>>>;
  /** POSTs a JSON body with an Idempotency-Key (reused across retries) and validates the answer. */
  post<S extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    schema: S,
    options: { idempotencyKey: string; signal?: AbortSignal | undefined },
  ): Promise<MtResponse<z.output<S>>>;
}

function liveModesIn(value: unknown): boolean[] {
  const items = Array.isArray(value) ? value : [value];
  const modes: boolean[] = [];
  for (const item of items) {
    const mode = (item as { live_mode?: unknown } | null)?.live_mode;
    if (typeof mode === 'boolean') modes.push(mode);
  }
  return modes;
}

/** The id-free endpoint name of a path, for errors and logs (`/api/payment_orders/{id}`). */
function endpointOf(path: string): string {
  return path.replace(/\/[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}(?=\/|$)/g, '/{id}');
}

/**
 * Creates the client. Credentials come from the settings or MODERN_TREASURY_ORGANIZATION_ID /
 * MODERN_TREASURY_API_KEY and are read at the first request, so construction never throws for a missing
 * key. Every answer's `live_mode` must match `environment`: a production key configured as `sandbox` (or
 * the reverse) is a ConfigError at the first answer.
 */
export function createMtClient(options: ParsedModernTreasurySettings): MtClient {
  const environment = options.environment ?? 'sandbox';
  const baseUrl = withoutTrailingSlash(
    options.baseUrl ??
      baseUrlFromEnvironment({
        environmentVariable: 'MODERN_TREASURY_BASE_URL',
        optionName: 'modernTreasury.baseUrl',
        example: 'http://127.0.0.1:4010/modern-treasury',
      }) ??
      MODERN_TREASURY_API_URL,
  );
  const logger = createRedactingLogger(options.logger);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const organizationId = lazySetting({
    value: options.organizationId,
    environmentVariable: 'MODERN_TREASURY_ORGANIZATION_ID',
    optionName: 'modernTreasury.organizationId',
    description: 'Modern Treasury organization id',
  });
  const apiKey = lazySetting({
    value: options.apiKey,
    environmentVariable: 'MODERN_TREASURY_API_KEY',
    optionName: 'modernTreasury.apiKey',
    description: 'Modern Treasury API key',
    secret: true,
  });
  let modeVerified = false;

  function checkMode(value: unknown): void {
    for (const liveMode of liveModesIn(value)) {
      if (liveMode !== liveModeOf(environment)) {
        throw new ConfigError(
          `Modern Treasury answered with ${liveMode ? 'production' : 'sandbox'} objects (live_mode: ${liveMode}), but the adapter is configured with environment '${environment}'. The API key decides the environment: use a ${environment} API key, or set modernTreasury.environment to '${liveMode ? 'production' : 'sandbox'}' (and pair it with the Plaid ${liveMode ? 'Production' : 'Sandbox'} environment).`,
          { code: 'MODERN_TREASURY_ENVIRONMENT_MISMATCH' },
        );
      }
      modeVerified = true;
    }
  }

  const retry = options.retry ?? {};
  const pipeline = createProviderPipeline({
    provider: 'modern_treasury',
    baseUrl,
    fetch: options.fetch,
    timeoutMs,
    retry: {
      maxRetries: retry.maxRetries ?? 2,
      initialDelayMs: retry.initialDelayMs ?? 250,
      maxDelayMs: retry.maxDelayMs,
    },
    logger,
    headers: () => ({
      Accept: 'application/json',
      Authorization: `Basic ${btoa(`${organizationId()}:${apiKey()}`)}`,
    }),
    inspect: checkMode,
    toError: (response, { method, endpoint }) => createModernTreasuryApiError(response, { method, endpoint }),
    codeOf: (error) =>
      ModernTreasuryApiError.isInstance(error) ? error.code : (error as { code?: unknown } | undefined)?.code,
  });

  function parse<S extends z.ZodType>(
    schema: S,
    response: HttpResponse,
    endpoint: string,
  ): MtResponse<z.output<S>> {
    const { status, data } = pipeline.parse(schema, response, endpoint);
    return { status, data, afterCursor: response.headers.get('x-after-cursor') ?? undefined };
  }

  return {
    environment,
    baseUrl,
    get modeVerified() {
      return modeVerified;
    },
    async get(path, schema, requestOptions = {}) {
      const url = new URL(`${baseUrl}${path}`);
      for (const [name, value] of Object.entries(requestOptions.query ?? {}))
        url.searchParams.set(name, value);
      const endpoint = endpointOf(path);
      const response = await pipeline.send({
        method: 'GET',
        path: url.toString(),
        endpoint,
        signal: requestOptions.signal,
      });
      return parse(schema, response, endpoint);
    },
    async post(path, body, schema, requestOptions) {
      const endpoint = endpointOf(path);
      const response = await pipeline.send({
        method: 'POST',
        path,
        endpoint,
        body,
        idempotencyKey: requestOptions.idempotencyKey,
        signal: requestOptions.signal,
      });
      return parse(schema, response, endpoint);
    },
  };
}

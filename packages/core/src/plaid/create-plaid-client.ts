import { z } from 'zod';
import { ConfigError, InputValidationError } from '../errors.js';
import { lazySchema } from '../lazy-schema.js';
import { createRedactingLogger } from '../logger.js';
import { lazySetting } from '../settings.js';
import { registerTypedTwin } from '../typed-twin.js';
import { parseInput } from '../validate.js';
import type {
  PlaidCallOptions,
  PlaidClient,
  PlaidClientSettings,
  PlaidRequestOptions,
} from './plaid-client-types.js';
import {
  accessTokenInputSchema,
  accountsInputSchema,
  callOptionsSchema,
  createLinkTokenInputSchema,
  exchangePublicTokenInputSchema,
  getInstitutionByIdInputSchema,
  requestOptionsSchema,
  sandboxCreatePublicTokenInputSchema,
  sandboxFireWebhookInputSchema,
  searchInstitutionsInputSchema,
  updateItemWebhookInputSchema,
} from './plaid-input-schemas.js';
import { toPlaidAccount, toPlaidInstitution, toPlaidItem } from './plaid-mappers.js';
import {
  accountsGetResponseSchema,
  authGetResponseSchema,
  exchangePublicTokenResponseSchema,
  institutionGetByIdResponseSchema,
  institutionsSearchResponseSchema,
  itemRemoveResponseSchema,
  itemResponseSchema,
  linkTokenCreateResponseSchema,
  sandboxFireWebhookResponseSchema,
  sandboxPublicTokenCreateResponseSchema,
  sandboxResetLoginResponseSchema,
} from './plaid-schemas.js';
import { resolvePlaidSettings } from './plaid-settings.js';
import { assertPlaidTokenFor, type PlaidTokenKind } from './plaid-tokens.js';
import { createPlaidTransport } from './plaid-transport.js';

const requestInputSchema = lazySchema(() =>
  z.object({
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9_/-]+$/, 'must be a Plaid endpoint path such as /processor/token/create')
      .refine((path) => !path.includes('//') && !path.includes('..'), 'must be a plain endpoint path'),
    body: z.record(z.string(), z.unknown(), { message: 'must be a JSON object' }),
    responseSchema: z.custom<z.ZodType>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as { safeParse?: unknown }).safeParse === 'function',
      { message: 'must be a zod schema' },
    ),
  }),
);

const BODY_TOKENS: readonly { key: string; kind: PlaidTokenKind }[] = [
  { key: 'access_token', kind: 'access' },
  { key: 'public_token', kind: 'public' },
];

/** The body of `/accounts/get` and `/auth/get`: the access token and, when given, the account filter. */
function accountsBody(data: {
  accessToken: string;
  accountIds?: string[] | undefined;
}): Record<string, unknown> {
  const body: Record<string, unknown> = { access_token: data.accessToken };
  if (data.accountIds !== undefined) body.options = { account_ids: data.accountIds };
  return body;
}

/**
 * Creates a Plaid client (sandbox by default) that validates every input and answer, retries transient
 * failures, refuses tokens from another environment before any network call and never leaks secrets.
 * Credentials come from `clientId`/`secret` or PLAID_CLIENT_ID/PLAID_SECRET, read at the first call.
 */
export function createPlaidClient(settings: PlaidClientSettings = {}): PlaidClient {
  const resolved = resolvePlaidSettings(settings);
  const { environment } = resolved;
  const clientId = lazySetting({
    value: resolved.clientId,
    environmentVariable: 'PLAID_CLIENT_ID',
    optionName: 'clientId',
    description: 'Plaid client id',
  });
  const secret = lazySetting({
    value: resolved.secret,
    environmentVariable: 'PLAID_SECRET',
    optionName: 'secret',
    description: 'Plaid secret',
    secret: true,
  });
  const send = createPlaidTransport({
    baseUrl: resolved.baseUrl,
    fetch: resolved.fetch,
    timeoutMs: resolved.timeoutMs,
    maxRetries: resolved.maxRetries,
    initialRetryDelayMs: resolved.initialRetryDelayMs,
    maxRetryDelayMs: resolved.maxRetryDelayMs,
    logger: createRedactingLogger(resolved.logger),
    credentials: () => ({ clientId: clientId(), secret: secret() }),
  });

  const signalOf = (operation: string, options: PlaidCallOptions | undefined): AbortSignal | undefined =>
    parseInput(operation, callOptionsSchema(), options)?.signal;
  const checkToken = (token: string, kind: PlaidTokenKind, field: string, operation: string): void => {
    assertPlaidTokenFor(token, { kind, environment, field, operation });
  };
  const sandboxOnly = (operation: string): void => {
    if (environment !== 'sandbox') {
      throw new ConfigError(
        `${operation} only works against Plaid Sandbox; this client talks to Plaid ${environment}. Create a sandbox client for test Items.`,
        { code: 'SANDBOX_ONLY' },
      );
    }
  };
  const accessTokenCall = <I extends { accessToken: string }>(
    operation: string,
    schema: z.ZodType<I>,
    input: unknown,
    options: PlaidCallOptions | undefined,
  ): { data: I; signal: AbortSignal | undefined } => {
    const data = parseInput(operation, schema, input);
    const signal = signalOf(operation, options);
    checkToken(data.accessToken, 'access', 'accessToken', operation);
    return { data, signal };
  };

  // The typed implementations behind the methods adapters call with values they have already validated
  // (registered as the client's typed twin); the public methods parse their input, then run these.
  const typed = {
    async exchangePublicToken(data: { publicToken: string }, options?: PlaidCallOptions) {
      checkToken(data.publicToken, 'public', 'publicToken', 'exchangePublicToken');
      const answer = await send(
        '/item/public_token/exchange',
        { public_token: data.publicToken },
        exchangePublicTokenResponseSchema(),
        options?.signal,
      );
      return { accessToken: answer.access_token, itemId: answer.item_id, requestId: answer.request_id };
    },
    async getAccounts(data: { accessToken: string; accountIds?: string[] }, options?: PlaidCallOptions) {
      checkToken(data.accessToken, 'access', 'accessToken', 'getAccounts');
      const answer = await send(
        '/accounts/get',
        accountsBody(data),
        accountsGetResponseSchema(),
        options?.signal,
      );
      return {
        accounts: answer.accounts.map(toPlaidAccount),
        item: toPlaidItem(answer.item),
        requestId: answer.request_id,
      };
    },
    async getItem(data: { accessToken: string }, options?: PlaidCallOptions) {
      checkToken(data.accessToken, 'access', 'accessToken', 'getItem');
      const answer = await send(
        '/item/get',
        { access_token: data.accessToken },
        itemResponseSchema(),
        options?.signal,
      );
      return { item: toPlaidItem(answer.item), requestId: answer.request_id };
    },
    async request<S extends z.ZodType>(
      path: string,
      body: Record<string, unknown>,
      responseSchema: S,
      options?: PlaidRequestOptions,
    ): Promise<z.output<S>> {
      const operation = 'request';
      if (path.startsWith('/sandbox/')) sandboxOnly(`request(${path})`);
      for (const { key, kind } of BODY_TOKENS) {
        const value = body[key];
        if (value === undefined) continue;
        if (typeof value !== 'string') {
          throw new InputValidationError(operation, [
            { path: `body.${key}`, message: 'must be a token string' },
          ]);
        }
        checkToken(value, kind, `body.${key}`, operation);
      }
      return send(path, body, responseSchema, options?.signal, options?.maxRetries);
    },
  } satisfies Partial<PlaidClient>;

  const client: PlaidClient = {
    environment,
    baseUrl: resolved.baseUrl,

    async exchangePublicToken(input, options) {
      const operation = 'exchangePublicToken';
      const data = parseInput(operation, exchangePublicTokenInputSchema(), input);
      const signal = signalOf(operation, options);
      return typed.exchangePublicToken(data, { signal });
    },

    async createLinkToken(input, options) {
      const operation = 'createLinkToken';
      const data = parseInput(operation, createLinkTokenInputSchema(), input);
      const signal = signalOf(operation, options);
      if (data.accessToken !== undefined) checkToken(data.accessToken, 'access', 'accessToken', operation);
      const body: Record<string, unknown> = {
        client_name: data.clientName,
        language: data.language ?? 'en',
        country_codes: data.countryCodes ?? ['US'],
        user: { client_user_id: data.clientUserId },
      };
      if (data.products !== undefined) body.products = data.products;
      if (data.webhook !== undefined) body.webhook = data.webhook;
      if (data.accessToken !== undefined) body.access_token = data.accessToken;
      if (data.redirectUri !== undefined) body.redirect_uri = data.redirectUri;
      if (data.accountSelectionEnabled !== undefined) {
        body.update = { account_selection_enabled: data.accountSelectionEnabled };
      }
      const answer = await send('/link/token/create', body, linkTokenCreateResponseSchema(), signal);
      return { linkToken: answer.link_token, expiration: answer.expiration, requestId: answer.request_id };
    },

    async getAccounts(input, options) {
      const data = parseInput('getAccounts', accountsInputSchema(), input);
      return typed.getAccounts(data, { signal: signalOf('getAccounts', options) });
    },

    async getAuth(input, options) {
      const { data, signal } = accessTokenCall('getAuth', accountsInputSchema(), input, options);
      const answer = await send('/auth/get', accountsBody(data), authGetResponseSchema(), signal);
      return {
        accounts: answer.accounts.map(toPlaidAccount),
        numbers: {
          ach: answer.numbers.ach.map((entry) => ({
            accountId: entry.account_id,
            account: entry.account,
            routing: entry.routing,
            wireRouting: entry.wire_routing ?? null,
            isTokenizedAccountNumber: entry.is_tokenized_account_number === true,
          })),
        },
        item: toPlaidItem(answer.item),
        requestId: answer.request_id,
      };
    },

    async getItem(input, options) {
      const data = parseInput('getItem', accessTokenInputSchema(), input);
      return typed.getItem(data, { signal: signalOf('getItem', options) });
    },

    async removeItem(input, options) {
      const { data, signal } = accessTokenCall('removeItem', accessTokenInputSchema(), input, options);
      const answer = await send(
        '/item/remove',
        { access_token: data.accessToken },
        itemRemoveResponseSchema(),
        signal,
      );
      return { requestId: answer.request_id };
    },

    async updateItemWebhook(input, options) {
      const { data, signal } = accessTokenCall(
        'updateItemWebhook',
        updateItemWebhookInputSchema(),
        input,
        options,
      );
      const answer = await send(
        '/item/webhook/update',
        { access_token: data.accessToken, webhook: data.webhook },
        itemResponseSchema(),
        signal,
      );
      return { item: toPlaidItem(answer.item), requestId: answer.request_id };
    },

    async getInstitutionById(input, options) {
      const operation = 'getInstitutionById';
      const data = parseInput(operation, getInstitutionByIdInputSchema(), input);
      const signal = signalOf(operation, options);
      const answer = await send(
        '/institutions/get_by_id',
        { institution_id: data.institutionId, country_codes: data.countryCodes },
        institutionGetByIdResponseSchema(),
        signal,
      );
      return { institution: toPlaidInstitution(answer.institution), requestId: answer.request_id };
    },

    async searchInstitutions(input, options) {
      const operation = 'searchInstitutions';
      const data = parseInput(operation, searchInstitutionsInputSchema(), input);
      const signal = signalOf(operation, options);
      const body: Record<string, unknown> = { query: data.query, country_codes: data.countryCodes };
      if (data.products !== undefined) body.products = data.products;
      const answer = await send('/institutions/search', body, institutionsSearchResponseSchema(), signal);
      return { institutions: answer.institutions.map(toPlaidInstitution), requestId: answer.request_id };
    },

    sandbox: {
      async createPublicToken(input, options) {
        const operation = 'sandbox.createPublicToken';
        const data = parseInput(operation, sandboxCreatePublicTokenInputSchema(), input);
        const signal = signalOf(operation, options);
        sandboxOnly(operation);
        const sandboxOptions: Record<string, unknown> = {};
        if (data.webhook !== undefined) sandboxOptions.webhook = data.webhook;
        if (data.overrideUsername !== undefined) sandboxOptions.override_username = data.overrideUsername;
        if (data.overridePassword !== undefined) sandboxOptions.override_password = data.overridePassword;
        const body: Record<string, unknown> = {
          institution_id: data.institutionId,
          initial_products: data.initialProducts,
        };
        if (Object.keys(sandboxOptions).length > 0) body.options = sandboxOptions;
        const answer = await send(
          '/sandbox/public_token/create',
          body,
          sandboxPublicTokenCreateResponseSchema(),
          signal,
        );
        return { publicToken: answer.public_token, requestId: answer.request_id };
      },

      async resetLogin(input, options) {
        const operation = 'sandbox.resetLogin';
        const { data, signal } = accessTokenCall(operation, accessTokenInputSchema(), input, options);
        sandboxOnly(operation);
        const answer = await send(
          '/sandbox/item/reset_login',
          { access_token: data.accessToken },
          sandboxResetLoginResponseSchema(),
          signal,
        );
        return { resetLogin: answer.reset_login, requestId: answer.request_id };
      },

      async fireWebhook(input, options) {
        const operation = 'sandbox.fireWebhook';
        const { data, signal } = accessTokenCall(operation, sandboxFireWebhookInputSchema(), input, options);
        sandboxOnly(operation);
        const body: Record<string, unknown> = {
          access_token: data.accessToken,
          webhook_code: data.webhookCode,
        };
        if (data.webhookType !== undefined) body.webhook_type = data.webhookType;
        const answer = await send(
          '/sandbox/item/fire_webhook',
          body,
          sandboxFireWebhookResponseSchema(),
          signal,
        );
        return { webhookFired: answer.webhook_fired, requestId: answer.request_id };
      },
    },

    async request(path, body, responseSchema, options) {
      const operation = 'request';
      const data = parseInput(operation, requestInputSchema(), { path, body, responseSchema });
      const callOptions = parseInput(operation, requestOptionsSchema(), options);
      return typed.request(data.path, data.body, responseSchema, callOptions);
    },
  };
  return registerTypedTwin(client, typed);
}

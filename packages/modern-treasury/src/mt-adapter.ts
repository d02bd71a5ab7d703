import {
  type AdapterStore,
  adapterStoreSchema,
  createPublicTokenExchangeMemo,
  createStoreExchangeMemo,
  type Logger,
  type ProcessorAdapter,
  type ProcessorRequirements,
} from '@achbridge/core';
import {
  isPlaidClientLike,
  lazySchema,
  linkTokensOf,
  loggerSchema,
  parseInput,
  processorTokenInputSchema,
  typedTwin,
} from '@achbridge/core/internal';
import { z } from 'zod';
import {
  type CreateAchDebitInput,
  type CreateCounterpartyInput,
  type CreateModernTreasuryProcessorTokenInput,
  createAchDebitInputSchema,
  createCounterpartyInputSchema,
  linkInputSchema,
  type ModernTreasuryLinkInput,
} from './mt-adapter-schemas.js';
import { createMtClient } from './mt-client.js';
import {
  type ModernTreasuryRetrySettings,
  type ModernTreasurySettings,
  parseModernTreasurySettings,
} from './mt-client-settings.js';
import { createCounterpartyOnce, type ModernTreasuryCounterpartyResult } from './mt-counterparties.js';
import { assertEnvironmentPairing } from './mt-environment-guard.js';
import type { ModernTreasuryEnvironment } from './mt-environments.js';
import { linkModernTreasuryAccount, type ModernTreasuryLinkResult } from './mt-link.js';
import {
  type ModernTreasuryExternalAccount,
  type ModernTreasuryInternalAccount,
  type ModernTreasuryPaymentOrder,
  toExternalAccount,
  toInternalAccount,
} from './mt-models.js';
import { callOptionsSchema, mtIdSchema } from './mt-option-schemas.js';
import { createAchDebitOnce, fetchPaymentOrder } from './mt-payment-orders.js';
import type { ModernTreasuryPlaidClient } from './mt-plaid-client.js';
import { requestModernTreasuryProcessorToken } from './mt-processor-token.js';
import { modernTreasuryRequirements } from './mt-requirements.js';
import { externalAccountListSchema, externalAccountSchema, internalAccountListSchema } from './mt-schemas.js';

/** Per-call options of the adapter's methods. */
export interface ModernTreasuryCallOptions {
  /** Aborts the call and any pending retry at once. */
  signal?: AbortSignal;
}

/** Settings of `createModernTreasuryAdapter`. */
export interface ModernTreasuryAdapterOptions {
  /** The Plaid client (`createPlaidClient` from @achbridge/core). */
  plaid: ModernTreasuryPlaidClient;
  /** Modern Treasury credentials and transport: `{ organizationId?, apiKey?, environment?, baseUrl?, fetch?, timeoutMs? }`. */
  modernTreasury: ModernTreasurySettings;
  /** Retry tuning for Modern Treasury calls (core's withRetry). */
  retry?: ModernTreasuryRetrySettings | undefined;
  /** Receives redacted log lines; silent by default. */
  logger?: Logger | undefined;
  /**
   * A durable store (`createStore` from @achbridge/store): public tokens are exchanged once across
   * processes, each (item, account, counterparty) gets one external account, and a payment's idempotency
   * key never debits twice, however much later it is reused (Modern Treasury keeps keys 24 hours).
   */
  store?: AdapterStore | undefined;
}

/** The Modern Treasury adapter: Plaid-linked accounts become external accounts, debited by ACH payment orders. */
export interface ModernTreasuryAdapter
  extends ProcessorAdapter<ModernTreasuryLinkInput, ModernTreasuryLinkResult> {
  readonly processor: 'modern_treasury';
  /** What Modern Treasury needs from an institution, for `checkAuthSupport`'s `processors`. */
  readonly requirements: ProcessorRequirements<'modern_treasury'>;
  /** The Modern Treasury environment (`sandbox` or `production`) the adapter pairs with. */
  readonly environment: ModernTreasuryEnvironment;
  /** The whole flow (public/access token → processor token → external account); safe to re-run. */
  link(
    input: ModernTreasuryLinkInput,
    options?: ModernTreasuryCallOptions,
  ): Promise<ModernTreasuryLinkResult>;
  /** Plaid `/processor/token/create` with `processor: 'modern_treasury'`. */
  createProcessorToken(
    input: CreateModernTreasuryProcessorTokenInput,
    options?: ModernTreasuryCallOptions,
  ): Promise<{ processorToken: string; requestId: string }>;
  /** Creates a counterparty (an existing one with the same `externalId` is returned, `created: false`). */
  createCounterparty(
    input: CreateCounterpartyInput,
    options?: ModernTreasuryCallOptions,
  ): Promise<ModernTreasuryCounterpartyResult>;
  /** Reads one external account. */
  getExternalAccount(id: string, options?: ModernTreasuryCallOptions): Promise<ModernTreasuryExternalAccount>;
  /** Lists a counterparty's external accounts (first 100). */
  listExternalAccounts(
    counterparty: string,
    options?: ModernTreasuryCallOptions,
  ): Promise<ModernTreasuryExternalAccount[]>;
  /** Lists the organization's internal accounts (first 100); `achDebit` says which can originate ACH debits. */
  listInternalAccounts(options?: ModernTreasuryCallOptions): Promise<ModernTreasuryInternalAccount[]>;
  /** Debits an external account by ACH (a payment order); one payment order per `idempotencyKey`. */
  createAchDebit(
    input: CreateAchDebitInput,
    options?: ModernTreasuryCallOptions,
  ): Promise<ModernTreasuryPaymentOrder>;
  /** Reads one payment order (its `status` moves on; `returnCode` after a return). */
  getPaymentOrder(id: string, options?: ModernTreasuryCallOptions): Promise<ModernTreasuryPaymentOrder>;
}

const plaidSchema = lazySchema(() =>
  z.custom<ModernTreasuryPlaidClient>(isPlaidClientLike, 'must be a Plaid client from createPlaidClient()'),
);

const optionsSchema = lazySchema(() =>
  z.object({
    plaid: plaidSchema(),
    modernTreasury: z.record(z.string(), z.unknown(), {
      error: 'must be { organizationId?, apiKey?, environment?, baseUrl?, fetch?, timeoutMs? }',
    }),
    retry: z
      .object({
        maxRetries: z.number().int().min(0).max(10).optional(),
        initialDelayMs: z.number().int().min(0).max(60_000).optional(),
        maxDelayMs: z.number().int().min(0).max(600_000).optional(),
      })
      .strict()
      .optional(),
    logger: loggerSchema().optional(),
    store: adapterStoreSchema.optional(),
  }),
);

const idArgumentSchema = lazySchema(() => z.object({ id: mtIdSchema() }));

/** Creates the Modern Treasury adapter (processor `modern_treasury`) from a Plaid client and Modern Treasury settings. */
export function createModernTreasuryAdapter(options: ModernTreasuryAdapterOptions): ModernTreasuryAdapter {
  const parsed = parseInput('createModernTreasuryAdapter', optionsSchema(), options);
  const settings = parseModernTreasurySettings('createModernTreasuryAdapter', parsed.modernTreasury);
  const { store } = parsed;
  // Each public method parses its input once; the Plaid client's typed twin takes the typed values as they are.
  const plaid = typedTwin(parsed.plaid);
  const client = createMtClient({ ...settings, retry: parsed.retry, logger: parsed.logger });
  const environment = client.environment;
  const exchanges = typedTwin(
    store ? createStoreExchangeMemo(store, plaid) : createPublicTokenExchangeMemo(plaid),
  );
  const signalOf = (operation: string, callOptions: unknown): AbortSignal | undefined =>
    parseInput(operation, callOptionsSchema(), callOptions)?.signal;
  const idOf = (operation: string, id: unknown): string =>
    parseInput(operation, idArgumentSchema(), { id }).id;

  return {
    processor: 'modern_treasury',
    requirements: modernTreasuryRequirements,
    environment,

    async link(rawInput, callOptions) {
      const input = parseInput('link', linkInputSchema(), rawInput);
      const signal = signalOf('link', callOptions);
      assertEnvironmentPairing({
        operation: 'link',
        environment,
        plaidEnvironment: plaid.environment,
        tokens: linkTokensOf(input),
      });
      return linkModernTreasuryAccount({ plaid, client, exchanges, store }, input, signal);
    },

    async createProcessorToken(rawInput, callOptions) {
      const input = parseInput('createProcessorToken', processorTokenInputSchema(), rawInput);
      const signal = signalOf('createProcessorToken', callOptions);
      assertEnvironmentPairing({
        operation: 'createProcessorToken',
        environment,
        plaidEnvironment: plaid.environment,
        tokens: [{ field: 'accessToken', value: input.accessToken }],
      });
      return requestModernTreasuryProcessorToken(plaid, { ...input, signal });
    },

    async createCounterparty(rawInput, callOptions) {
      const input = parseInput('createCounterparty', createCounterpartyInputSchema(), rawInput);
      return createCounterpartyOnce(client, input, signalOf('createCounterparty', callOptions));
    },

    async getExternalAccount(id, callOptions) {
      const accountId = idOf('getExternalAccount', id);
      const signal = signalOf('getExternalAccount', callOptions);
      const { data } = await client.get(`/api/external_accounts/${accountId}`, externalAccountSchema(), {
        signal,
      });
      return toExternalAccount(data);
    },

    async listExternalAccounts(counterparty, callOptions) {
      const counterpartyId = idOf('listExternalAccounts', counterparty);
      const signal = signalOf('listExternalAccounts', callOptions);
      const { data } = await client.get('/api/external_accounts', externalAccountListSchema(), {
        query: { counterparty_id: counterpartyId, per_page: '100' },
        signal,
      });
      return data.filter((account) => (account.discarded_at ?? null) === null).map(toExternalAccount);
    },

    async listInternalAccounts(callOptions) {
      const signal = signalOf('listInternalAccounts', callOptions);
      const { data } = await client.get('/api/internal_accounts', internalAccountListSchema(), {
        query: { per_page: '100' },
        signal,
      });
      return data.map(toInternalAccount);
    },

    async createAchDebit(rawInput, callOptions) {
      const input = parseInput('createAchDebit', createAchDebitInputSchema(), rawInput);
      return createAchDebitOnce(client, store, input, signalOf('createAchDebit', callOptions));
    },

    async getPaymentOrder(id, callOptions) {
      const orderId = idOf('getPaymentOrder', id);
      return fetchPaymentOrder(client, orderId, signalOf('getPaymentOrder', callOptions));
    },
  };
}

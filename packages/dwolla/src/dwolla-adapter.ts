import {
  type AdapterStore,
  adapterStoreSchema,
  createPublicTokenExchangeMemo,
  createStoreExchangeMemo,
  type ProcessorAdapter,
  type ProcessorRequirements,
} from '@achbridge/core';
import {
  isFunction,
  isPlaidClientLike,
  lazySchema,
  linkTokensOf,
  parseInput,
  processorTokenInputSchema,
  sha256HexOf,
  typedTwin,
} from '@achbridge/core/internal';
import { z } from 'zod';
import { createFundingSourceFromProcessorToken } from './create-funding-source.js';
import { createCustomerResource } from './customers.js';
import {
  type CreateCustomerInput,
  type CreateFundingSourceInput,
  type CreateProcessorTokenInput,
  callOptionsSchema,
  createCustomerInputSchema,
  createFundingSourceInputSchema,
  customerReferenceSchema,
  type DwollaLinkInput,
  fundingSourceReferenceSchema,
  linkInputSchema,
  listFundingSourcesOptionsSchema,
} from './dwolla-adapter-schemas.js';
import type { DwollaClient } from './dwolla-client.js';
import type {
  DwollaCustomerResult,
  DwollaFundingSource,
  DwollaFundingSourceResult,
} from './dwolla-models.js';
import type { DwollaPlaidClient } from './dwolla-plaid-client.js';
import { dwollaRequirements } from './dwolla-requirements.js';
import { createDwollaTransferMethods, type DwollaTransferMethods } from './dwolla-transfer-methods.js';
import { canonicalDwollaId } from './dwolla-url.js';
import { assertEnvironmentPairing } from './environment-guard.js';
import {
  fetchCustomerFundingSources,
  fetchFundingSource,
  removeFundingSourceById,
} from './funding-sources.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { type DwollaLinkResult, linkAccount } from './link-account.js';
import { requestDwollaProcessorToken } from './processor-token.js';
import { resolveResourceId } from './resource-reference.js';

/** Per-call options of the adapter's methods. */
export interface DwollaCallOptions {
  /** Aborts the call and any pending retry at once. */
  signal?: AbortSignal;
}

/** The Dwolla adapter: Plaid-linked accounts become Dwolla funding sources, and funding sources pay by transfer. */
export interface DwollaAdapter
  extends ProcessorAdapter<DwollaLinkInput, DwollaLinkResult>,
    DwollaTransferMethods {
  readonly processor: 'dwolla';
  /** What Dwolla needs from an institution (`dwollaRequirements`), for `checkAuthSupport`'s `processors`. */
  readonly requirements: ProcessorRequirements<'dwolla'>;
  /** The whole flow (public/access token → processor token → funding source); safe to re-run. */
  link(input: DwollaLinkInput, options?: DwollaCallOptions): Promise<DwollaLinkResult>;
  /** Plaid `/processor/token/create` with `processor: 'dwolla'`. */
  createProcessorToken(
    input: CreateProcessorTokenInput,
    options?: DwollaCallOptions,
  ): Promise<{ processorToken: string; requestId: string }>;
  /** Creates (or finds, for a duplicate bank) a customer funding source from a processor token. */
  createFundingSource(
    input: CreateFundingSourceInput,
    options?: DwollaCallOptions,
  ): Promise<DwollaFundingSourceResult>;
  /** Reads one funding source by id or URL. */
  getFundingSource(fundingSource: string, options?: DwollaCallOptions): Promise<DwollaFundingSource>;
  /** Lists a customer's funding sources (`removed: false` leaves out removed ones). */
  listFundingSources(
    customer: string,
    options?: DwollaCallOptions & { removed?: boolean },
  ): Promise<DwollaFundingSource[]>;
  /** Removes (soft-deletes) a funding source; repeating it is harmless. */
  removeFundingSource(fundingSource: string, options?: DwollaCallOptions): Promise<DwollaFundingSource>;
  /** Creates an unverified or receive-only customer; idempotent, and an existing email returns that customer. */
  createCustomer(input: CreateCustomerInput, options?: DwollaCallOptions): Promise<DwollaCustomerResult>;
}

const depsSchema = lazySchema(() =>
  z.object({
    plaid: z.custom<DwollaPlaidClient>(isPlaidClientLike, 'expected a Plaid client from createPlaidClient'),
    dwolla: z.custom<DwollaClient>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        ['get', 'post', 'create', 'resolveUrl'].every((name) =>
          isFunction((value as Record<string, unknown>)[name]),
        ),
      'expected a Dwolla client from createDwollaClient',
    ),
    store: adapterStoreSchema.optional(),
  }),
);

const fundingSourceArgumentSchema = lazySchema(() =>
  z.object({ fundingSource: fundingSourceReferenceSchema() }),
);
const customerArgumentSchema = lazySchema(() => z.object({ customer: customerReferenceSchema() }));

/** Creates the Dwolla adapter (processor `dwolla`) from a Plaid client and a Dwolla client. */
export function createDwollaAdapter(deps: {
  plaid: DwollaPlaidClient;
  dwolla: DwollaClient;
  /** A durable store (`@achbridge/store`): one exchange per public token and one funding source per link key, across processes. */
  store?: AdapterStore | undefined;
}): DwollaAdapter {
  const parsed = parseInput('createDwollaAdapter', depsSchema(), deps);
  const { store } = parsed;
  // Each public method parses its input once; the clients' typed twins then take the typed values as they are.
  const plaid = typedTwin(parsed.plaid);
  const dwolla = typedTwin(parsed.dwolla);
  const signalOf = (operation: string, options: unknown): AbortSignal | undefined =>
    parseInput(operation, callOptionsSchema(), options)?.signal;
  const exchanges = typedTwin(
    store ? createStoreExchangeMemo(store, plaid) : createPublicTokenExchangeMemo(plaid),
  );

  return {
    processor: 'dwolla',
    requirements: dwollaRequirements,
    ...createDwollaTransferMethods(dwolla),

    async link(rawInput, options) {
      const input = parseInput('link', linkInputSchema(), rawInput);
      const signal = signalOf('link', options);
      assertEnvironmentPairing({
        operation: 'link',
        dwollaEnvironment: dwolla.environment,
        plaidEnvironment: plaid.environment,
        tokens: linkTokensOf(input),
      });
      const customerId = resolveResourceId(dwolla, input.customer, 'customers', {
        operation: 'link',
        field: 'customer',
      });
      return linkAccount({ plaid, dwolla, exchanges, store }, { ...input, customerId }, signal);
    },

    async createProcessorToken(rawInput, options) {
      const input = parseInput('createProcessorToken', processorTokenInputSchema(), rawInput);
      const signal = signalOf('createProcessorToken', options);
      assertEnvironmentPairing({
        operation: 'createProcessorToken',
        dwollaEnvironment: dwolla.environment,
        plaidEnvironment: plaid.environment,
        tokens: [{ field: 'accessToken', value: input.accessToken }],
      });
      return requestDwollaProcessorToken(plaid, { ...input, signal });
    },

    async createFundingSource(rawInput, options) {
      const input = parseInput('createFundingSource', createFundingSourceInputSchema(), rawInput);
      const signal = signalOf('createFundingSource', options);
      assertEnvironmentPairing({
        operation: 'createFundingSource',
        dwollaEnvironment: dwolla.environment,
        tokens: [{ field: 'processorToken', value: input.processorToken }],
      });
      const customerId = resolveResourceId(dwolla, input.customer, 'customers', {
        operation: 'createFundingSource',
        field: 'customer',
      });
      return createFundingSourceFromProcessorToken(dwolla, {
        customerId,
        processorToken: input.processorToken,
        name: input.name,
        bankAccountType: input.bankAccountType,
        method: input.method,
        idempotencyKey:
          input.idempotencyKey ??
          idempotencyKeyOf(`dwolla.funding-source.${input.method}`, [
            canonicalDwollaId(customerId),
            input.processorToken,
          ]),
        signal,
      });
    },

    async getFundingSource(reference, options) {
      const ref = parseInput('getFundingSource', fundingSourceArgumentSchema(), {
        fundingSource: reference,
      }).fundingSource;
      const signal = signalOf('getFundingSource', options);
      const id = resolveResourceId(dwolla, ref, 'funding-sources', {
        operation: 'getFundingSource',
        field: 'fundingSource',
      });
      return fetchFundingSource(dwolla, id, signal);
    },

    async listFundingSources(reference, options) {
      const ref = parseInput('listFundingSources', customerArgumentSchema(), {
        customer: reference,
      }).customer;
      const parsedOptions = parseInput('listFundingSources', listFundingSourcesOptionsSchema(), options);
      const customerId = resolveResourceId(dwolla, ref, 'customers', {
        operation: 'listFundingSources',
        field: 'customer',
      });
      return fetchCustomerFundingSources(dwolla, customerId, {
        removed: parsedOptions?.removed,
        signal: parsedOptions?.signal,
      });
    },

    async removeFundingSource(reference, options) {
      const ref = parseInput('removeFundingSource', fundingSourceArgumentSchema(), {
        fundingSource: reference,
      }).fundingSource;
      const signal = signalOf('removeFundingSource', options);
      const id = resolveResourceId(dwolla, ref, 'funding-sources', {
        operation: 'removeFundingSource',
        field: 'fundingSource',
      });
      return removeFundingSourceById(dwolla, id, {
        idempotencyKey: idempotencyKeyOf('dwolla.funding-source.remove', [canonicalDwollaId(id)]),
        signal,
      });
    },

    async createCustomer(rawInput, options) {
      const { idempotencyKey, ...body } = parseInput('createCustomer', createCustomerInputSchema(), rawInput);
      const signal = signalOf('createCustomer', options);
      // Same body → same key, so a retried or re-run call within Dwolla's 24 h window makes one customer.
      const bodyHash = sha256HexOf(JSON.stringify(body));
      return createCustomerResource(dwolla, body, {
        idempotencyKey:
          idempotencyKey ?? idempotencyKeyOf('dwolla.customer', [body.correlationId ?? `body:${bodyHash}`]),
        signal,
      });
    },
  };
}

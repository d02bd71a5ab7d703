import { z } from 'zod';
import { lazySchema } from './lazy-schema.js';
import type { PlaidClient } from './plaid/plaid-client-types.js';
import {
  type ExchangedPublicToken,
  exchangingPlaidClientSchema,
  type PublicTokenExchangeMemo,
} from './plaid/public-token-exchange-memo.js';
import { registerTypedTwin, typedTwin } from './typed-twin.js';
import { parseInput } from './validate.js';

/** Identifies a processor link: one processor object per (item, account, processor, customer). */
export interface AdapterStoreLinkKey {
  itemId: string;
  accountId: string;
  /** An open string (`stripe`, `dwolla`, ...). */
  processor: string;
  customerId: string;
}

/** A processor object as a store keeps it. */
export interface AdapterStoreLinkRecord {
  objectId: string;
  details: Record<string, unknown>;
}

/** A payment as a store keeps it. */
export interface AdapterStorePaymentRecord {
  paymentId: string;
  payment: Record<string, unknown>;
}

/** Options of store calls that may wait for another process. */
export interface AdapterStoreWaitOptions {
  signal?: AbortSignal | undefined;
}

/**
 * What the adapters need from a durable store (such as `createStore` from `@achbridge/store`): each
 * `claim*` runs its creation at most once across every process sharing the store and returns what was stored.
 */
export interface AdapterStore {
  /** Exchanges a public token once across processes; the others wait for and read the stored result. */
  claimPublicTokenExchange(
    publicToken: string,
    exchange: () => Promise<ExchangedPublicToken>,
    options?: AdapterStoreWaitOptions,
  ): Promise<ExchangedPublicToken>;
  /** Creates the processor object for a key once, forever. */
  claimProcessorLink(
    key: AdapterStoreLinkKey,
    create: () => Promise<AdapterStoreLinkRecord>,
    options?: AdapterStoreWaitOptions,
  ): Promise<{ value: AdapterStoreLinkRecord; created: boolean }>;
  /** Creates the payment for (processor, idempotency key) once, forever. */
  claimPayment(
    key: { processor: string; idempotencyKey: string },
    create: () => Promise<AdapterStorePaymentRecord>,
    options?: AdapterStoreWaitOptions,
  ): Promise<{ value: AdapterStorePaymentRecord; created: boolean }>;
}

/** Validates an adapter's optional `store` option (an object with the three claim methods). */
export const adapterStoreSchema = z.custom<AdapterStore>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['claimPublicTokenExchange', 'claimProcessorLink', 'claimPayment'].every(
      (name) => typeof (value as Record<string, unknown>)[name] === 'function',
    ),
  {
    message:
      'must be a store with claimPublicTokenExchange, claimProcessorLink and claimPayment (createStore)',
  },
);

const storeMemoInputSchema = lazySchema(() =>
  z.object({
    store: adapterStoreSchema,
    plaid: exchangingPlaidClientSchema(),
  }),
);

/**
 * Creates a public token exchange memo backed by a durable store: the first process to claim a public token
 * exchanges it and stores the (encrypted) result; every other process, now or later, reads it.
 */
export function createStoreExchangeMemo(
  store: AdapterStore,
  plaid: Pick<PlaidClient, 'exchangePublicToken'>,
): PublicTokenExchangeMemo {
  parseInput('createStoreExchangeMemo', storeMemoInputSchema(), { store, plaid });
  const typedPlaid = typedTwin(plaid);
  const exchangeThrough =
    (claims: Pick<AdapterStore, 'claimPublicTokenExchange'>): PublicTokenExchangeMemo['exchange'] =>
    (publicToken, signal) =>
      claims.claimPublicTokenExchange(
        publicToken,
        async () => {
          const { accessToken, itemId } = await typedPlaid.exchangePublicToken(
            { publicToken },
            signal ? { signal } : {},
          );
          return { accessToken, itemId };
        },
        { signal },
      );
  // The public memo hands a caller's public token to the store's public claim, which validates it; the memo's
  // typed twin (for an adapter holding a validated token) uses the store's typed twin, which does not again.
  const memo: PublicTokenExchangeMemo = { exchange: exchangeThrough(store) };
  return registerTypedTwin(memo, { exchange: exchangeThrough(typedTwin(store)) });
}

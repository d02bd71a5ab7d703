import { describe, expect, it } from 'vitest';
import { type AdapterStore, createStoreExchangeMemo } from './adapter-store.js';
import type { ExchangedPublicToken } from './plaid/public-token-exchange-memo.js';
import { registerTypedTwin, typedTwin } from './typed-twin.js';

const PUBLIC_TOKEN = 'public-sandbox-5c224a01-8314-4491-a06f-39e193d5cddc';
const exchanged: ExchangedPublicToken = { accessToken: 'access-sandbox-1', itemId: 'item-1' };

/** A store whose public claim and typed twin each record that they ran, then run the exchange. */
function storeWithTwin() {
  const ran: string[] = [];
  const claimVia =
    (name: string): AdapterStore['claimPublicTokenExchange'] =>
    async (_publicToken, exchange) => {
      ran.push(name);
      return exchange();
    };
  const store: AdapterStore = {
    claimPublicTokenExchange: claimVia('public'),
    claimProcessorLink: async () => {
      throw new Error('not used');
    },
    claimPayment: async () => {
      throw new Error('not used');
    },
  };
  registerTypedTwin(store, { claimPublicTokenExchange: claimVia('typed') });
  return { store, ran };
}

describe('createStoreExchangeMemo', () => {
  const plaid = { exchangePublicToken: async () => ({ ...exchanged, requestId: 'req-1' }) };

  it("exchanges through the store's public claim, which validates what a caller hands the memo", async () => {
    const { store, ran } = storeWithTwin();
    await expect(createStoreExchangeMemo(store, plaid).exchange(PUBLIC_TOKEN, undefined)).resolves.toEqual(
      exchanged,
    );
    expect(ran).toEqual(['public']);
  });

  it("has a typed twin that exchanges through the store's typed twin, for a validated public token", async () => {
    const { store, ran } = storeWithTwin();
    await expect(
      typedTwin(createStoreExchangeMemo(store, plaid)).exchange(PUBLIC_TOKEN, undefined),
    ).resolves.toEqual(exchanged);
    expect(ran).toEqual(['typed']);
  });
});

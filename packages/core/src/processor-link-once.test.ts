import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AdapterStore, AdapterStoreLinkKey, AdapterStoreLinkRecord } from './adapter-store.js';
import { ResponseValidationError } from './errors.js';
import { processorLinkOnce } from './processor-link-once.js';
import { registerTypedTwin } from './typed-twin.js';

interface AcmeLink {
  account: { id: string; created: boolean };
  requestId: string;
}

const format = {
  objectIdOf: (value: AcmeLink) => value.account.id,
  schema: z.object({ account: z.object({ id: z.string(), created: z.boolean() }), requestId: z.string() }),
  provider: 'plaid' as const,
};

/** An in-memory store whose `claimProcessorLink` runs `create` once per key and records each claim. */
function memoryStore() {
  const links = new Map<string, AdapterStoreLinkRecord>();
  const claims: { key: AdapterStoreLinkKey; signal: AbortSignal | undefined }[] = [];
  const store: AdapterStore = {
    claimPublicTokenExchange: async (_publicToken, exchange) => exchange(),
    claimPayment: async (_key, create) => ({ value: await create(), created: true }),
    claimProcessorLink: async (key, create, options) => {
      claims.push({ key, signal: options?.signal });
      const id = JSON.stringify(key);
      const existing = links.get(id);
      if (existing) return { value: existing, created: false };
      const value = await create();
      links.set(id, value);
      return { value, created: true };
    },
  };
  return { store, links, claims };
}

const key = {
  itemId: 'item-1',
  accountId: 'acc-1',
  processor: 'acme',
  customerId: 'cus-1',
  signal: undefined,
};

describe('processorLinkOnce', () => {
  it('just creates without a store', async () => {
    const link = { account: { id: 'a-1', created: true }, requestId: 'req-1' };
    await expect(processorLinkOnce(undefined, key, async () => link, format)).resolves.toEqual({
      value: link,
      claimed: true,
    });
  });

  it('creates once per key with a store, storing the object id and details, and reads the stored link back', async () => {
    const { store, links, claims } = memoryStore();
    const signal = new AbortController().signal;
    let creates = 0;
    const create = async (): Promise<AcmeLink> => {
      creates += 1;
      return { account: { id: `a-${creates}`, created: true }, requestId: `req-${creates}` };
    };
    const first = await processorLinkOnce(store, { ...key, signal }, create, format);
    const second = await processorLinkOnce(store, key, create, format);
    expect(first).toEqual({
      value: { account: { id: 'a-1', created: true }, requestId: 'req-1' },
      claimed: true,
    });
    expect(second).toEqual({ value: first.value, claimed: false });
    expect(creates).toBe(1);
    expect([...links.values()]).toEqual([{ objectId: 'a-1', details: first.value }]);
    expect(claims).toEqual([
      { key: { itemId: 'item-1', accountId: 'acc-1', processor: 'acme', customerId: 'cus-1' }, signal },
      {
        key: { itemId: 'item-1', accountId: 'acc-1', processor: 'acme', customerId: 'cus-1' },
        signal: undefined,
      },
    ]);
  });

  it('refuses a malformed stored record as a ResponseValidationError naming the store', async () => {
    const { store, links } = memoryStore();
    links.set(
      JSON.stringify({ itemId: 'item-1', accountId: 'acc-1', processor: 'acme', customerId: 'cus-1' }),
      {
        objectId: 'a-1',
        details: { account: 'a-1' },
      },
    );
    const error = await processorLinkOnce(
      store,
      key,
      async () => ({ account: { id: 'x', created: true }, requestId: '' }),
      format,
    ).catch((caught: unknown) => caught);
    expect(ResponseValidationError.isInstance(error)).toBe(true);
    expect((error as ResponseValidationError).endpoint).toBe('store: processor link');
  });
  it("claims through the store's typed twin when the store registered one", async () => {
    const { store, claims } = memoryStore();
    const typedClaims: string[] = [];
    registerTypedTwin(store, {
      claimProcessorLink: async (claimKey, create) => {
        typedClaims.push(claimKey.processor);
        return { value: await create(), created: true };
      },
    });
    const link = { account: { id: 'a-1', created: true }, requestId: 'req-1' };
    await expect(processorLinkOnce(store, key, async () => link, format)).resolves.toEqual({
      value: link,
      claimed: true,
    });
    expect(typedClaims).toEqual(['acme']);
    expect(claims).toEqual([]);
  });
});

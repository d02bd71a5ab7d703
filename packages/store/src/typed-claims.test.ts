import { InputValidationError } from '@achbridge/core';
import { typedTwin } from '@achbridge/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, openTestClient } from '../test/store.test-helpers.js';
import type { SqlClient } from './sql-client.js';

let client: SqlClient;
beforeAll(async () => {
  client = await openTestClient();
});
afterAll(async () => {
  await client.close();
});

const linkKey = { itemId: 'item-1', accountId: 'acc-1', processor: 'dwolla', customerId: 'cus-1' };
const publicToken = 'public-sandbox-5a6b7c8d-0000-4000-8000-dddddddddddd';
const accessToken = 'access-sandbox-5a6b7c8d-0000-4000-8000-eeeeeeeeeeee';

describe("the store's typed twin (for adapters holding validated keys and tokens)", () => {
  it('claims a processor link in the same rows the public method reads, once', async () => {
    const store = createTestStore(client);
    const typed = typedTwin(store);
    expect(typed.claimProcessorLink).not.toBe(store.claimProcessorLink);
    let creations = 0;
    const create = async () => {
      creations += 1;
      return { objectId: 'fs-1', details: { name: 'Checking' } };
    };
    const first = await typed.claimProcessorLink(linkKey, create);
    const again = await store.claimProcessorLink(linkKey, create);
    expect(first).toMatchObject({ created: true, value: { ...linkKey, objectId: 'fs-1' } });
    expect(again).toEqual({ created: false, value: first.value });
    expect(creations).toBe(1);
  });

  it('claims a public token exchange under the same hash the public method uses', async () => {
    const store = createTestStore(client);
    let exchanges = 0;
    const exchange = async () => {
      exchanges += 1;
      return { accessToken, itemId: 'item-pt' };
    };
    expect(await typedTwin(store).claimPublicTokenExchange(publicToken, exchange)).toEqual({
      accessToken,
      itemId: 'item-pt',
    });
    expect(await store.claimPublicTokenExchange(` ${publicToken} `, exchange)).toEqual({
      accessToken,
      itemId: 'item-pt',
    });
    expect(exchanges).toBe(1);
  });

  it('claims a payment in the same ledger row the public method reads, once', async () => {
    const store = createTestStore(client);
    const key = { processor: 'modern_treasury', idempotencyKey: 'order-42' };
    let creations = 0;
    const create = async () => {
      creations += 1;
      return { paymentId: 'po-1', payment: { amount: 1250 } };
    };
    const first = await typedTwin(store).claimPayment(key, create);
    const again = await store.claimPayment(key, create);
    expect(first).toMatchObject({ created: true, value: { ...key, paymentId: 'po-1' } });
    expect(again).toEqual({ created: false, value: first.value });
    expect(creations).toBe(1);
  });

  it('still validates what it is about to store, and the public methods still validate their arguments', async () => {
    const store = createTestStore(client);
    const malformed = await typedTwin(store)
      .claimProcessorLink(linkKey, async () => ({ objectId: '', details: {} }))
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(malformed)).toBe(true);
    const refused = await store
      .claimProcessorLink({ ...linkKey, itemId: ' ' }, async () => ({ objectId: 'fs-1', details: {} }))
      .catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(refused)).toBe(true);
    await expect(
      store.claimPublicTokenExchange('', async () => ({ accessToken, itemId: 'item-pt' })),
    ).rejects.toSatisfy((error) => InputValidationError.isInstance(error));
  });
});

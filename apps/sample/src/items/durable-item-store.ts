import { parseInput, parsePlaidWebhook, registerSecret } from '@achbridge/core';
import {
  createPlaidWebhookRouter,
  itemStatusForWebhook,
  type PaymentKey,
  type Store,
  type StoredItem,
  type StoredProcessorLink,
} from '@achbridge/store';
import type { ItemStore } from './item-store.js';
import {
  addItemSchema,
  findDuplicateIn,
  itemNotFound,
  parseItemId,
  processorLinkSchema,
} from './item-store.js';
import type { LinkedItem, ProcessorLinkRecord } from './linked-item.js';

/** The newest link per processor (the adapters and the sample both record links in the store). */
function latestLink(links: readonly StoredProcessorLink[], processor: string): ProcessorLinkRecord | null {
  const newest = links
    .filter((link) => link.processor === processor)
    .sort((a, b) => a.completedAt.localeCompare(b.completedAt))
    .at(-1);
  return newest === undefined
    ? null
    : { customer: newest.customerId, destination: newest.objectId, accountId: newest.accountId };
}

/**
 * Where the sample's own debit of a link is kept: the payments ledger, once per (Item, account, destination),
 * forever (a provider forgets idempotency keys after about a day).
 */
function debitKey(itemId: string, processor: string, link: ProcessorLinkRecord): PaymentKey {
  return {
    processor: `sample-${processor}`,
    idempotencyKey: `debit:${itemId}:${link.accountId}:${link.destination}`,
  };
}

/** The processor links of an Item, each with the sample's debit from the ledger when there is one. */
async function linksOf(store: Store, itemId: string): Promise<Pick<LinkedItem, 'stripe' | 'dwolla'>> {
  const links = await store.listProcessorLinks(itemId);
  const withDebit = async (processor: 'stripe' | 'dwolla') => {
    const link = latestLink(links, processor);
    if (link === null) return null;
    const debit = await store.getPayment(debitKey(itemId, processor, link));
    return debit === null ? link : { ...link, paymentId: debit.paymentId };
  };
  return { stripe: await withDebit('stripe'), dwolla: await withDebit('dwolla') };
}

function toLinkedItem(item: StoredItem, links: Pick<LinkedItem, 'stripe' | 'dwolla'>): LinkedItem {
  return {
    itemId: item.itemId,
    institutionId: item.institution.id ?? '',
    institutionName: item.institution.name ?? '',
    accounts: item.accounts.map((account) => ({
      id: account.accountId,
      name: account.name ?? '',
      mask: account.mask,
      type: account.type ?? '',
      subtype: account.subtype,
    })),
    exchangeRequestId: null,
    linkedAt: item.createdAt,
    stripe: links.stripe,
    dwolla: links.dwolla,
    status: {
      status: item.status,
      reason: item.statusReason,
      expiresAt: item.statusExpiresAt,
      changedAt: item.statusChangedAt,
    },
  };
}

/**
 * An Item store over `@achbridge/store` (embedded PGlite in a folder, or Postgres): Items, accounts and
 * processor links survive a restart, access tokens are AES-256-GCM encrypted at rest, and verified webhooks
 * go through the store's inbox (deduplicated) and Item lifecycle.
 */
export function createDurableItemStore(store: Store): ItemStore {
  const router = createPlaidWebhookRouter({ store });

  const read = async (itemId: string): Promise<LinkedItem> => {
    const id = parseItemId('ItemStore.get', itemId);
    const item = await store.getItem(id);
    if (item === null) throw itemNotFound(id, true);
    return toLinkedItem(item, await linksOf(store, id));
  };

  const list = async (): Promise<LinkedItem[]> => {
    const items = await store.listItems();
    return Promise.all(items.map(async (item) => toLinkedItem(item, await linksOf(store, item.itemId))));
  };

  return {
    durable: true,
    async add(item, accessToken) {
      parseInput('ItemStore.add', addItemSchema, { item, accessToken });
      registerSecret(accessToken);
      await store.saveItem({
        itemId: item.itemId,
        accessToken,
        institution: { id: item.institutionId, name: item.institutionName },
        accounts: item.accounts.map((account) => ({
          accountId: account.id,
          name: account.name,
          mask: account.mask,
          type: account.type,
          subtype: account.subtype,
        })),
      });
    },
    get: read,
    async accessTokenOf(itemId) {
      const id = parseItemId('ItemStore.accessTokenOf', itemId);
      if ((await store.getItem(id)) === null) throw itemNotFound(id, true);
      const token = await store.getAccessToken(id);
      registerSecret(token);
      return token;
    },
    async setProcessorLink(itemId, processor, record) {
      parseInput('ItemStore.setProcessorLink', processorLinkSchema, { itemId, processor, record });
      await read(itemId);
      // The adapters given this store already recorded the link under the same key; this reads it back.
      await store.claimProcessorLink(
        { itemId, accountId: record.accountId, processor, customerId: record.customer },
        async () => ({ objectId: record.destination, details: { recordedBy: 'sample' } }),
      );
      const { paymentId } = record;
      if (paymentId !== undefined) {
        await store.claimPayment(debitKey(itemId, processor, record), async () => ({
          paymentId,
          payment: { paymentId },
        }));
      }
    },
    list,
    findDuplicate: async (query) => findDuplicateIn(await list(), query),
    async recordWebhook(body) {
      const received = await router.receive(body);
      const change = itemStatusForWebhook(parsePlaidWebhook(new TextDecoder().decode(body)));
      if (received.duplicate || change === null) return null;
      const item = await store.getItem(change.itemId);
      return item === null
        ? null
        : { itemId: item.itemId, status: toLinkedItem(item, { stripe: null, dwolla: null }).status };
    },
    close: () => store.close(),
  };
}

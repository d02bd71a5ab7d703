import { parseInput, parsePlaidWebhook, registerSecret } from '@achbridge/core';
import { itemStatusForWebhook } from '@achbridge/store';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import type { ItemStatusView, LinkedItem, NewLinkedItem, ProcessorLinkRecord } from './linked-item.js';

/** The account a new Link session selected, for the duplicate check. */
export interface DuplicateQuery {
  institutionId: string;
  accountName: string;
  accountMask: string | null;
}

/** A previously linked account that matches a new Link session. */
export interface DuplicateMatch {
  itemId: string;
  institutionName: string;
  accountId: string;
  accountName: string;
  accountMask: string | null;
  linkedAt: string;
}

/** A verified Plaid webhook's effect on an Item's status. */
export interface WebhookStatusChange {
  itemId: string;
  status: ItemStatusView;
}

/**
 * The Items of the sample's single demo user: in memory (`createItemStore`, tests and the CLI demo) or in
 * `@achbridge/store` (`createDurableItemStore`, what `npm start` uses), access tokens encrypted at rest.
 */
export interface ItemStore {
  /** Whether Items survive a restart. */
  readonly durable: boolean;
  /** Remembers an exchanged Item with its access token. */
  add(item: NewLinkedItem, accessToken: string): Promise<void>;
  /** The Item, or a 404 SampleError naming the id. */
  get(itemId: string): Promise<LinkedItem>;
  /** The Item's access token (server side only). */
  accessTokenOf(itemId: string): Promise<string>;
  /** Records a processor link on the Item. */
  setProcessorLink(
    itemId: string,
    processor: 'stripe' | 'dwolla',
    record: ProcessorLinkRecord,
  ): Promise<void>;
  /** Every Item, oldest first. */
  list(): Promise<LinkedItem[]>;
  /**
   * The FAQ's duplicate-Item check, run before exchanging: an earlier Item of the same institution with an
   * account of the same name and mask.
   */
  findDuplicate(query: DuplicateQuery): Promise<DuplicateMatch | undefined>;
  /**
   * Applies a verified Plaid webhook (raw body) to the Item lifecycle; resolves to the new status when it
   * changed one of this store's Items, else null. A redelivery changes nothing twice.
   */
  recordWebhook(body: Uint8Array): Promise<WebhookStatusChange | null>;
  /** Closes the database, if any. */
  close(): Promise<void>;
}

const itemIdSchema = z.string().trim().min(1, 'must be a non-empty Plaid item_id');
const getSchema = z.object({ itemId: itemIdSchema });

/** Schema of `findDuplicate`'s query. */
export const duplicateQuerySchema = z.object({
  institutionId: z.string().min(1),
  accountName: z.string(),
  accountMask: z.string().nullable(),
});

/** Schema of `add`'s arguments. */
export const addItemSchema = z.object({
  item: z.looseObject({
    itemId: itemIdSchema,
    institutionId: z.string().min(1),
    institutionName: z.string(),
    accounts: z.array(
      z.looseObject({ id: z.string().min(1), name: z.string(), mask: z.string().nullable() }),
    ),
  }),
  accessToken: z.string().regex(/^access-[a-z]+-/, 'must be a Plaid access token'),
});

/** Schema of `setProcessorLink`'s arguments. */
export const processorLinkSchema = z.object({
  itemId: itemIdSchema,
  processor: z.enum(['stripe', 'dwolla']),
  record: z.object({
    customer: z.string().min(1),
    destination: z.string().min(1),
    accountId: z.string().min(1),
    paymentId: z.string().min(1).optional(),
  }),
});

/** The Item id, validated (400 InputValidationError naming `itemId`). */
export function parseItemId(operation: string, itemId: string): string {
  return parseInput(operation, getSchema, { itemId }).itemId;
}

/** The 404 for an Item this server does not know. */
export function itemNotFound(itemId: string, durable: boolean): SampleError {
  return new SampleError(
    404,
    'ITEM_NOT_FOUND',
    durable
      ? `No linked Item ${itemId} on this server; connect a bank first.`
      : `No linked Item ${itemId} on this server (Items are kept in memory and disappear on restart); connect a bank first.`,
    { itemId },
  );
}

/** The first matching account of the same institution with the same name and mask. */
export function findDuplicateIn(
  items: readonly LinkedItem[],
  query: DuplicateQuery,
): DuplicateMatch | undefined {
  const { institutionId, accountName, accountMask } = parseInput(
    'ItemStore.findDuplicate',
    duplicateQuerySchema,
    query,
  );
  for (const item of items) {
    if (item.institutionId !== institutionId) continue;
    const account = item.accounts.find(
      (candidate) => candidate.name === accountName && candidate.mask === accountMask,
    );
    if (account) {
      return {
        itemId: item.itemId,
        institutionName: item.institutionName,
        accountId: account.id,
        accountName: account.name,
        accountMask: account.mask,
        linkedAt: item.linkedAt,
      };
    }
  }
  return undefined;
}

/** The status of a freshly exchanged Item. */
export function healthyStatus(at: string): ItemStatusView {
  return { status: 'healthy', reason: null, expiresAt: null, changedAt: at };
}

/** Creates an empty in-memory Item store (Items disappear on restart). */
export function createItemStore(): ItemStore {
  const items = new Map<string, LinkedItem>();
  const tokens = new Map<string, string>();

  const get = (itemId: string): LinkedItem => {
    const id = parseItemId('ItemStore.get', itemId);
    const item = items.get(id);
    if (item === undefined) throw itemNotFound(id, false);
    return item;
  };

  return {
    durable: false,
    async add(item, accessToken) {
      parseInput('ItemStore.add', addItemSchema, { item, accessToken });
      registerSecret(accessToken);
      items.set(item.itemId, { ...item, status: healthyStatus(new Date().toISOString()) });
      tokens.set(item.itemId, accessToken);
    },
    get: async (itemId) => get(itemId),
    async accessTokenOf(itemId) {
      const item = get(itemId);
      return tokens.get(item.itemId) as string;
    },
    async setProcessorLink(itemId, processor, record) {
      parseInput('ItemStore.setProcessorLink', processorLinkSchema, { itemId, processor, record });
      const item = get(itemId);
      item[processor] = {
        customer: record.customer,
        destination: record.destination,
        accountId: record.accountId,
        ...(record.paymentId === undefined ? {} : { paymentId: record.paymentId }),
      };
    },
    list: async () => [...items.values()],
    findDuplicate: async (query) => findDuplicateIn([...items.values()], query),
    async recordWebhook(body) {
      const change = itemStatusForWebhook(parsePlaidWebhook(new TextDecoder().decode(body)));
      const item = change === null ? undefined : items.get(change.itemId);
      if (change === null || item === undefined) return null;
      const expiresAt = change.expiresAt ?? null;
      item.status = {
        status: change.status,
        reason: change.reason ?? null,
        expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
        changedAt: new Date().toISOString(),
      };
      return { itemId: item.itemId, status: item.status };
    },
    close: async () => {},
  };
}

import { parseInput, registerSecret } from '@achbridge/core';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import type { LinkedItem, ProcessorLinkRecord } from './linked-item.js';

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

/** In-memory Items of the sample's single demo user (a real app keeps them in its database, tokens encrypted). */
export interface ItemStore {
  /** Remembers an exchanged Item with its access token. */
  add(item: LinkedItem, accessToken: string): void;
  /** The Item, or a 404 SampleError naming the id. */
  get(itemId: string): LinkedItem;
  /** The Item's access token (server side only). */
  accessTokenOf(itemId: string): string;
  /** Records a processor link on the Item. */
  setProcessorLink(itemId: string, processor: 'stripe' | 'dwolla', record: ProcessorLinkRecord): void;
  /** Every Item, oldest first. */
  list(): LinkedItem[];
  /**
   * The FAQ's duplicate-Item check, run before exchanging: an earlier Item of the same institution with an
   * account of the same name and mask.
   */
  findDuplicate(query: DuplicateQuery): DuplicateMatch | undefined;
}

const itemIdSchema = z.string().trim().min(1, 'must be a non-empty Plaid item_id');
const getSchema = z.object({ itemId: itemIdSchema });

const querySchema = z.object({
  institutionId: z.string().min(1),
  accountName: z.string(),
  accountMask: z.string().nullable(),
});

const addSchema = z.object({
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

/** Creates an empty in-memory Item store. */
export function createItemStore(): ItemStore {
  const items = new Map<string, LinkedItem>();
  const tokens = new Map<string, string>();

  const get = (itemId: string): LinkedItem => {
    const id = parseInput('ItemStore.get', getSchema, { itemId }).itemId;
    const item = items.get(id);
    if (item === undefined) {
      throw new SampleError(
        404,
        'ITEM_NOT_FOUND',
        `No linked Item ${id} on this server (Items are kept in memory and disappear on restart); connect a bank first.`,
        { itemId: id },
      );
    }
    return item;
  };

  return {
    add(item, accessToken) {
      parseInput('ItemStore.add', addSchema, { item, accessToken });
      registerSecret(accessToken);
      items.set(item.itemId, item);
      tokens.set(item.itemId, accessToken);
    },
    get,
    accessTokenOf(itemId) {
      const item = get(itemId);
      return tokens.get(item.itemId) as string;
    },
    setProcessorLink(itemId, processor, record) {
      const item = get(itemId);
      item[processor] = { ...record };
    },
    list() {
      return [...items.values()];
    },
    findDuplicate(query) {
      const { institutionId, accountName, accountMask } = parseInput(
        'ItemStore.findDuplicate',
        querySchema,
        query,
      );
      for (const item of items.values()) {
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
    },
  };
}

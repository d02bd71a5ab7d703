import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { SqlExecutor } from './sql-client.js';
import { iso, isoOrNull, runOperation, type StoreContext } from './store-context.js';
import { StoreError } from './store-errors.js';
import type {
  ItemHealthEntry,
  ItemStatus,
  ItemStatusChange,
  SaveItemInput,
  StoredAccount,
  StoredItem,
} from './store-types.js';

const ITEM_STATUSES = ['healthy', 'needs_update', 'expiring', 'revoked'] as const;
const id = z.string().trim().min(1, 'must be a non-empty string').max(500);
const nullableText = z.string().max(1000).nullable().optional();

const saveItemSchema = z.strictObject({
  itemId: id,
  accessToken: z.string().trim().min(1, 'must be a non-empty access token'),
  institution: z.strictObject({ id: nullableText, name: nullableText }).nullable().optional(),
  accounts: z
    .array(
      z.strictObject({
        accountId: id,
        name: nullableText,
        mask: nullableText,
        type: nullableText,
        subtype: nullableText,
        persistentAccountId: nullableText,
      }),
    )
    .max(1000)
    .optional(),
});

const statusChangeSchema = z.strictObject({
  itemId: id,
  status: z.enum(ITEM_STATUSES),
  reason: nullableText,
  expiresAt: z
    .union([z.iso.datetime({ offset: true }), z.date()])
    .nullable()
    .optional(),
  source: z.string().max(100).optional(),
});

const itemIdSchema = z.strictObject({ itemId: id });

interface ItemRow extends Record<string, unknown> {
  item_id: string;
  institution_id: string | null;
  institution_name: string | null;
  token_key_id: string;
  token_ciphertext: string;
  status: string;
  status_reason: string | null;
  status_expires_at: unknown;
  status_changed_at: unknown;
  created_at: unknown;
  updated_at: unknown;
}

interface AccountRow extends Record<string, unknown> {
  item_id: string;
  account_id: string;
  name: string | null;
  mask: string | null;
  type: string | null;
  subtype: string | null;
  persistent_account_id: string | null;
}

function toAccount(row: AccountRow): StoredAccount {
  return {
    accountId: row.account_id,
    name: row.name,
    mask: row.mask,
    type: row.type,
    subtype: row.subtype,
    persistentAccountId: row.persistent_account_id,
  };
}

function toItem(row: ItemRow, accounts: AccountRow[]): StoredItem {
  return {
    itemId: row.item_id,
    institution: { id: row.institution_id, name: row.institution_name },
    accounts: accounts.filter((account) => account.item_id === row.item_id).map(toAccount),
    status: row.status as ItemStatus,
    statusReason: row.status_reason,
    statusExpiresAt: isoOrNull(row.status_expires_at),
    statusChangedAt: iso(row.status_changed_at),
    tokenKeyId: row.token_key_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function readItems(
  context: StoreContext,
  db: SqlExecutor,
  where: string,
  params: unknown[],
): Promise<StoredItem[]> {
  const items = await db.query<ItemRow>(
    `SELECT * FROM ${context.table('items')} ${where} ORDER BY created_at, item_id`,
    params,
  );
  if (items.length === 0) return [];
  const accounts = await db.query<AccountRow>(
    `SELECT * FROM ${context.table('accounts')} WHERE item_id = ANY($1::text[]) ORDER BY account_id`,
    [items.map((item) => item.item_id)],
  );
  return items.map((item) => toItem(item, accounts));
}

function notFound(itemId: string): StoreError {
  return new StoreError('STORE_ITEM_NOT_FOUND', `No stored Item with id ${itemId}`);
}

/** Item operations: save (token encrypted), read, list, status and its history, delete. */
export interface ItemOperations {
  saveItem(input: SaveItemInput): Promise<StoredItem>;
  getItem(itemId: string): Promise<StoredItem | null>;
  listItems(): Promise<StoredItem[]>;
  getAccessToken(itemId: string): Promise<string>;
  setItemStatus(change: ItemStatusChange): Promise<StoredItem>;
  getItemHealthHistory(itemId: string): Promise<ItemHealthEntry[]>;
  deleteItem(itemId: string): Promise<boolean>;
}

/** Creates the Item operations over a store context. */
export function createItemOperations(context: StoreContext): ItemOperations {
  const items = context.table('items');
  const accounts = context.table('accounts');
  const health = context.table('item_health');

  const getItem = (itemId: string): Promise<StoredItem | null> =>
    runOperation('getItem', async () => {
      parseInput('getItem', itemIdSchema, { itemId });
      const client = await context.client();
      const [item] = await readItems(context, client, 'WHERE item_id = $1', [itemId]);
      return item ?? null;
    });

  return {
    getItem,
    saveItem: (input) =>
      runOperation('saveItem', async () => {
        const parsed = parseInput('saveItem', saveItemSchema, input);
        const sealed = await context.cipher().seal(parsed.accessToken, `item:${parsed.itemId}`);
        const client = await context.client();
        return client.transaction(async (tx) => {
          const [row] = await tx.query<{ inserted: boolean }>(
            `INSERT INTO ${items} (item_id, institution_id, institution_name, token_key_id, token_ciphertext)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (item_id) DO UPDATE SET
               institution_id = COALESCE(EXCLUDED.institution_id, ${items}.institution_id),
               institution_name = COALESCE(EXCLUDED.institution_name, ${items}.institution_name),
               token_key_id = EXCLUDED.token_key_id,
               token_ciphertext = EXCLUDED.token_ciphertext,
               updated_at = clock_timestamp()
             RETURNING (xmax = 0) AS inserted`,
            [
              parsed.itemId,
              parsed.institution?.id ?? null,
              parsed.institution?.name ?? null,
              sealed.keyId,
              sealed.ciphertext,
            ],
          );
          if (row?.inserted === true) {
            await tx.query(
              `INSERT INTO ${health} (item_id, status, reason, source) VALUES ($1, 'healthy', 'linked', 'save_item')`,
              [parsed.itemId],
            );
          }
          for (const account of parsed.accounts ?? []) {
            await tx.query(
              `INSERT INTO ${accounts} (item_id, account_id, name, mask, type, subtype, persistent_account_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (item_id, account_id) DO UPDATE SET name = EXCLUDED.name, mask = EXCLUDED.mask,
                 type = EXCLUDED.type, subtype = EXCLUDED.subtype,
                 persistent_account_id = COALESCE(EXCLUDED.persistent_account_id, ${accounts}.persistent_account_id)`,
              [
                parsed.itemId,
                account.accountId,
                account.name ?? null,
                account.mask ?? null,
                account.type ?? null,
                account.subtype ?? null,
                account.persistentAccountId ?? null,
              ],
            );
          }
          const [item] = await readItems(context, tx, 'WHERE item_id = $1', [parsed.itemId]);
          return item as StoredItem;
        });
      }),
    listItems: () =>
      runOperation('listItems', async () => readItems(context, await context.client(), '', [])),
    getAccessToken: (itemId) =>
      runOperation('getAccessToken', async () => {
        parseInput('getAccessToken', itemIdSchema, { itemId });
        const client = await context.client();
        const [row] = await client.query<{ token_key_id: string; token_ciphertext: string }>(
          `SELECT token_key_id, token_ciphertext FROM ${items} WHERE item_id = $1`,
          [itemId],
        );
        if (row === undefined) throw notFound(itemId);
        const cipher = context.cipher();
        const aad = `item:${itemId}`;
        const token = await cipher.open({ keyId: row.token_key_id, ciphertext: row.token_ciphertext }, aad);
        if (row.token_key_id !== cipher.currentKeyId) {
          // Lazy rotation: re-encrypt with the current key unless another writer changed the row meanwhile.
          const sealed = await cipher.seal(token, aad);
          await client.query(
            `UPDATE ${items} SET token_key_id = $2, token_ciphertext = $3
             WHERE item_id = $1 AND token_ciphertext = $4`,
            [itemId, sealed.keyId, sealed.ciphertext, row.token_ciphertext],
          );
        }
        return token;
      }),
    setItemStatus: (change) =>
      runOperation('setItemStatus', async () => {
        const parsed = parseInput('setItemStatus', statusChangeSchema, change);
        const expiresAt =
          parsed.expiresAt === undefined || parsed.expiresAt === null
            ? null
            : new Date(parsed.expiresAt).toISOString();
        const client = await context.client();
        return client.transaction(async (tx) => {
          const updated = await tx.query(
            `UPDATE ${items} SET status = $2, status_reason = $3, status_expires_at = $4::timestamptz,
               status_changed_at = clock_timestamp(), updated_at = clock_timestamp()
             WHERE item_id = $1 RETURNING item_id`,
            [parsed.itemId, parsed.status, parsed.reason ?? null, expiresAt],
          );
          if (updated.length === 0) throw notFound(parsed.itemId);
          await tx.query(
            `INSERT INTO ${health} (item_id, status, reason, expires_at, source) VALUES ($1, $2, $3, $4::timestamptz, $5)`,
            [parsed.itemId, parsed.status, parsed.reason ?? null, expiresAt, parsed.source ?? null],
          );
          const [item] = await readItems(context, tx, 'WHERE item_id = $1', [parsed.itemId]);
          return item as StoredItem;
        });
      }),
    getItemHealthHistory: (itemId) =>
      runOperation('getItemHealthHistory', async () => {
        parseInput('getItemHealthHistory', itemIdSchema, { itemId });
        const client = await context.client();
        const rows = await client.query<{
          status: string;
          reason: string | null;
          expires_at: unknown;
          source: string | null;
          recorded_at: unknown;
        }>(
          `SELECT status, reason, expires_at, source, recorded_at FROM ${health} WHERE item_id = $1 ORDER BY id`,
          [itemId],
        );
        return rows.map((row) => ({
          status: row.status as ItemStatus,
          reason: row.reason,
          expiresAt: isoOrNull(row.expires_at),
          source: row.source,
          recordedAt: iso(row.recorded_at),
        }));
      }),
    deleteItem: (itemId) =>
      runOperation('deleteItem', async () => {
        parseInput('deleteItem', itemIdSchema, { itemId });
        const client = await context.client();
        const deleted = await client.query(`DELETE FROM ${items} WHERE item_id = $1 RETURNING item_id`, [
          itemId,
        ]);
        return deleted.length > 0;
      }),
  };
}

import type { SnapshotDeclaration } from '../kernel/declared-snapshot.js';
import { maskToken } from '../kernel/mask-token.js';
import type { PlaidErrorFields } from './plaid-errors.js';

/** An emulated account of an Item. */
export interface PlaidAccount {
  account_id: string;
  name: string;
  official_name: string | null;
  type: 'depository' | 'credit';
  subtype: string;
  mask: string;
  balances: { available: number | null; current: number | null; limit: number | null };
  /** Account number (checking and savings only: the accounts Auth returns). */
  accountNumber: string | null;
  /** Plaid `verification_status`, set for micro-deposit Items. */
  verificationStatus: string | null;
  /** Plaid `persistent_account_id` (TAN and OAuth institutions), the same for the same account on every Item. */
  persistentAccountId: string | null;
  /** Whether `accountNumber` is a tokenized account number (new on every Item). */
  tokenized: boolean;
}

/** An emulated Item. */
export interface PlaidItem {
  itemId: string;
  institutionId: string;
  institutionName: string;
  countryCode: string;
  webhook: string | null;
  billedProducts: string[];
  availableProducts: string[];
  authMethod: string | null;
  error: PlaidErrorFields | null;
  accounts: PlaidAccount[];
  createdAt: number;
  /** Null until a public token is exchanged, and after a restart from a state file (only the hash is kept). */
  accessToken: string | null;
  /** SHA-256 (hex) of the access token: what the state file keeps and lookups use; null until exchanged. */
  accessTokenSha256: string | null;
  /** Automated micro-deposit Items: when verification completes (emulated ms), else null. */
  verifiesAt: number | null;
  /**
   * When the Sandbox login lapses into ITEM_LOGIN_REQUIRED (emulated ms): undefined means 30 days after
   * `createdAt`; a repair sets it 30 days ahead again; null once it has lapsed.
   */
  loginExpiresAt?: number | null;
}

/** A public token waiting to be exchanged. */
export interface PublicTokenRecord {
  itemId: string;
  createdAt: number;
  expiresAt: number;
  exchanged: boolean;
}

/** A link token from `/link/token/create`. */
export interface LinkTokenRecord {
  createdAt: number;
  expiresAt: number;
  /** Update mode: the Item's access token. */
  itemId: string | null;
  products: string[];
  webhook: string | null;
  countryCodes: string[];
}

/** A token minted for a processor (`btok_…` for Stripe, `processor-sandbox-…` for others). */
export interface MintedTokenRecord {
  itemId: string;
  accountId: string;
  processor: string;
  createdAt: number;
}

/** A webhook the emulated Plaid would send (and a dispatcher may deliver). */
export interface PlaidWebhookEvent {
  id: string;
  itemId: string;
  url: string;
  webhookType: string;
  webhookCode: string;
  payload: Record<string, unknown>;
  createdAt: number;
}

/** All of the emulated Plaid's mutable state. */
export interface PlaidState {
  items: Map<string, PlaidItem>;
  /** SHA-256 (hex) of an access token → its Item. */
  itemsByAccessToken: Map<string, PlaidItem>;
  publicTokens: Map<string, PublicTokenRecord>;
  linkTokens: Map<string, LinkTokenRecord>;
  processorTokens: Map<string, MintedTokenRecord>;
  webhookEvents: PlaidWebhookEvent[];
  removedItemIds: string[];
}

/** Creates empty Plaid state. */
export function createPlaidState(): PlaidState {
  return {
    items: new Map(),
    itemsByAccessToken: new Map(),
    publicTokens: new Map(),
    linkTokens: new Map(),
    processorTokens: new Map(),
    webhookEvents: [],
    removedItemIds: [],
  };
}

/** How the Plaid state appears in `GET /__emulator/state`: counts and lists, tokens masked, no access tokens. */
export const PLAID_STATE_SNAPSHOT: SnapshotDeclaration<PlaidState> = {
  hidden: ['itemsByAccessToken'],
  fields: (show) => ({
    counts: {
      items: show.count('items'),
      publicTokens: show.count('publicTokens'),
      linkTokens: show.count('linkTokens'),
      processorTokens: show.count('processorTokens'),
      webhookEvents: show.count('webhookEvents'),
      removedItems: show.count('removedItemIds'),
    },
    items: show.list('items', (item) => ({
      item_id: item.itemId,
      institution_id: item.institutionId,
      webhook: item.webhook,
      exchanged: item.accessTokenSha256 !== null,
      error: item.error?.error_code ?? null,
      billed_products: [...item.billedProducts],
      account_ids: item.accounts.map((account) => account.account_id),
      created_at: new Date(item.createdAt).toISOString(),
    })),
    publicTokens: show.list('publicTokens', (record, token, { now }) => ({
      token: maskToken(token),
      item_id: record.itemId,
      exchanged: record.exchanged,
      expired: now >= record.expiresAt,
    })),
    processorTokens: show.list('processorTokens', (record, token) => ({
      token: maskToken(token),
      item_id: record.itemId,
      account_id: record.accountId,
      processor: record.processor,
    })),
    webhookEvents: show.list('webhookEvents', (event) => ({
      ...event,
      createdAt: new Date(event.createdAt).toISOString(),
    })),
    removedItemIds: show.list('removedItemIds', (itemId) => itemId),
  }),
};

import type { PaymentOutcome } from '@achbridge/core';
/** An Item's state as the store tracks it (from webhooks or your own checks). */
export type ItemStatus = 'healthy' | 'needs_update' | 'expiring' | 'revoked';

/** One account of an Item, as Link and `/accounts/get` describe it. */
export interface StoredAccount {
  accountId: string;
  name: string | null;
  mask: string | null;
  type: string | null;
  subtype: string | null;
  /** Plaid's `persistent_account_id` (stable across Items for the same account at some institutions). */
  persistentAccountId: string | null;
}

/** An Item as stored; the access token is never part of it (read it with `getAccessToken`). */
export interface StoredItem {
  itemId: string;
  institution: { id: string | null; name: string | null };
  accounts: StoredAccount[];
  status: ItemStatus;
  /** Why the status was set (a webhook code or your note). */
  statusReason: string | null;
  /** When consent expires or the Item disconnects (ISO 8601), for `expiring`. */
  statusExpiresAt: string | null;
  statusChangedAt: string;
  /** The id of the key the access token is encrypted with. */
  tokenKeyId: string;
  createdAt: string;
  updatedAt: string;
}

/** Input of `saveItem`: inserts the Item or replaces its token, institution and accounts. */
export interface SaveItemInput {
  itemId: string;
  accessToken: string;
  institution?: { id?: string | null | undefined; name?: string | null | undefined } | null | undefined;
  accounts?: Array<Partial<Omit<StoredAccount, 'accountId'>> & { accountId: string }> | undefined;
}

/** Input of `setItemStatus`. */
export interface ItemStatusChange {
  itemId: string;
  status: ItemStatus;
  reason?: string | null | undefined;
  /** When consent expires or the Item disconnects (for `expiring`). */
  expiresAt?: string | Date | null | undefined;
  /** What reported it (`webhook`, `item_get`, ...). */
  source?: string | undefined;
}

/** One entry of an Item's health history, oldest first. */
export interface ItemHealthEntry {
  status: ItemStatus;
  reason: string | null;
  expiresAt: string | null;
  source: string | null;
  recordedAt: string;
}

/** What identifies a processor link: one processor object per (item, account, processor, customer). */
export interface ProcessorLinkKey {
  itemId: string;
  accountId: string;
  /** An open string: `stripe`, `dwolla` or any other processor. */
  processor: string;
  customerId: string;
}

/** What a processor link points at. */
export interface ProcessorLinkRecord {
  /** The processor object: a Stripe `ba_...`, a Dwolla funding source URL, ... */
  objectId: string;
  /** Anything else worth keeping about it (JSON). */
  details: Record<string, unknown>;
}

/** A stored processor link. */
export interface StoredProcessorLink extends ProcessorLinkKey, ProcessorLinkRecord {
  createdAt: string;
  completedAt: string;
}

/** What identifies a payment: your idempotency key (or order id) per processor, forever. */
export interface PaymentKey {
  processor: string;
  idempotencyKey: string;
}

/** What a payment ledger entry holds. */
export interface PaymentRecord {
  /** The processor's payment id (`pi_...`, a transfer URL, ...). */
  paymentId: string;
  /** The payment object or summary as returned when it was created (JSON). */
  payment: Record<string, unknown>;
}

/** A stored payment ledger entry. */
export interface StoredPayment extends PaymentKey, PaymentRecord {
  createdAt: string;
  completedAt: string;
  /** The payment's outcome from webhooks or polls, when one was recorded (`getPayment` only). */
  outcome?: PaymentOutcome | undefined;
}

/** The outcome of a claimed creation: the stored value and whether this call created it. */
export interface Claimed<T> {
  value: T;
  /** True when this call ran the creation; false when it read what another call (or process) stored. */
  created: boolean;
}

/** The result of a public token exchange, as stored (the access token is encrypted at rest). */
export interface ExchangedToken {
  accessToken: string;
  itemId: string;
}

/** Options of calls that may wait for another process. */
export interface WaitOptions {
  /** Stops waiting for another process's claim. */
  signal?: AbortSignal | undefined;
}

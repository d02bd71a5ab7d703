/** A bank account as Link's onSuccess metadata describes it (no account numbers). */
export interface LinkAccount {
  id: string;
  name: string;
  mask: string | null;
  type: string;
  subtype: string | null;
}

/** What the sample remembers about a processor link, for re-runs and the page (never tokens). */
export interface ProcessorLinkRecord {
  /** Stripe customer id or Dwolla customer URL. */
  customer: string;
  /** Stripe bank account id or Dwolla funding source URL. */
  destination: string;
  accountId: string;
  /** The sample's $1.00 debit from this link (a Dwolla transfer id), so a re-run never debits twice. */
  paymentId?: string | undefined;
}

/** An Item's status from the webhook lifecycle (ITEM_LOGIN_REQUIRED, PENDING_EXPIRATION, revocations...). */
export type ItemHealthStatus = 'healthy' | 'needs_update' | 'expiring' | 'revoked';

/** What the page shows about an Item's status. */
export interface ItemStatusView {
  status: ItemHealthStatus;
  /** The webhook code (or error code) that set it, null for a new Item. */
  reason: string | null;
  /** For `expiring`: when consent expires or the Item disconnects (ISO 8601). */
  expiresAt: string | null;
  /** When the status last changed (ISO 8601). */
  changedAt: string;
}

/** A Plaid Item the sample exchanged; the access token lives in the store, not here. */
export interface LinkedItem {
  itemId: string;
  institutionId: string;
  institutionName: string;
  accounts: LinkAccount[];
  /** Plaid request id of the exchange (null when read back from the durable store, which does not keep it). */
  exchangeRequestId: string | null;
  /** ISO time of the exchange. */
  linkedAt: string;
  stripe: ProcessorLinkRecord | null;
  dwolla: ProcessorLinkRecord | null;
  /** Status from the Item lifecycle (webhooks). */
  status: ItemStatusView;
}

/** What a flow hands the Item store after an exchange (the store sets the status). */
export type NewLinkedItem = Omit<LinkedItem, 'status'>;

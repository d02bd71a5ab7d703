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

/** A Plaid Item the sample exchanged; the access token lives in the store, not here. */
export interface LinkedItem {
  itemId: string;
  institutionId: string;
  institutionName: string;
  accounts: LinkAccount[];
  /** Plaid request id of the exchange. */
  exchangeRequestId: string;
  /** ISO time of the exchange. */
  linkedAt: string;
  stripe: ProcessorLinkRecord | null;
  dwolla: ProcessorLinkRecord | null;
}

import type { PlaidErrorDetails } from '../webhooks/plaid-error-details.js';

/** An Item's state: usable, needs the user to log in again, consent about to lapse, or another error. */
export type ItemHealthStatus = 'healthy' | 'login_required' | 'pending_expiration' | 'error';

/**
 * What to do next: nothing, send the user through Link update mode, link a new Item, retry later, fix the
 * integration, have the user act at their bank, or investigate an error code achbridge does not know.
 */
export type ItemHealthActionKind =
  | 'none'
  | 'update_mode'
  | 'relink'
  | 'retry_later'
  | 'developer_action'
  | 'user_action'
  | 'investigate';

/** The recommended next step, as a machine-readable kind plus human text. */
export interface ItemHealthAction {
  /** What kind of step it is. */
  kind: ItemHealthActionKind;
  /** What to tell the developer (and, rephrased, the user). */
  message: string;
}

/** Result of `getItemHealth`. */
export interface ItemHealth {
  /** The Item's state. */
  status: ItemHealthStatus;
  /** The Item's id. */
  itemId: string;
  /** The Item's error with the catalog's category and remediation, when Plaid reports one. */
  error?: PlaidErrorDetails;
  /** When the user's consent expires (ISO 8601), or null when it does not. */
  consentExpirationTime: string | null;
  /** The recommended next step. */
  action: ItemHealthAction;
  /** Plaid's request id of the `/item/get` call. */
  requestId: string;
}

import type { TokenBridge } from '../kernel/token-bridge.js';
import type { EmulatorClock } from '../types.js';
import type { PlaidState } from './plaid-state.js';
import type { PlaidWebhookKeyStore } from './plaid-webhook-keys.js';
import type { PlaidWebhookEmitter } from './plaid-webhooks.js';

/** What every Plaid handler works with. */
export interface PlaidContext {
  state: PlaidState;
  clock: EmulatorClock;
  bridge: TokenBridge;
  webhooks: PlaidWebhookEmitter;
  keys: PlaidWebhookKeyStore;
}

/** Public tokens expire 30 minutes after creation. */
export const PUBLIC_TOKEN_TTL_MS = 30 * 60 * 1000;
/** Link tokens for a new Item expire after 4 hours. */
export const LINK_TOKEN_TTL_MS = 4 * 3600 * 1000;
/** Link tokens for update mode expire after 30 minutes. */
export const UPDATE_LINK_TOKEN_TTL_MS = 30 * 60 * 1000;
/** Automated micro-deposit Items verify this long after creation (emulated time). */
export const MICRODEPOSIT_VERIFICATION_MS = 24 * 3600 * 1000;

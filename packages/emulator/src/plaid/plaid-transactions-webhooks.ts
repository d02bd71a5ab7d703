import type { PlaidContext } from './plaid-context.js';
import type { PlaidItem } from './plaid-state.js';

// `new_transactions` counts from the examples in Plaid's FAQ ("transactions webhooks"); the emulator has no
// transaction data of its own, so these are the numbers its TRANSACTIONS webhooks report.
/** `new_transactions` of INITIAL_UPDATE (the first 30 days). */
export const INITIAL_UPDATE_NEW_TRANSACTIONS = 19;
/** `new_transactions` of HISTORICAL_UPDATE (the rest of the history). */
export const HISTORICAL_UPDATE_NEW_TRANSACTIONS = 231;
/** `new_transactions` of a fired DEFAULT_UPDATE. */
export const DEFAULT_UPDATE_NEW_TRANSACTIONS = 3;

/**
 * Sends TRANSACTIONS / INITIAL_UPDATE then HISTORICAL_UPDATE for an Item initialised with `transactions`
 * (called when its public token is exchanged the first time).
 */
export function emitInitialTransactionsWebhooks(context: PlaidContext, item: PlaidItem): void {
  if (!item.billedProducts.includes('transactions')) return;
  context.webhooks.emit(item, {
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'INITIAL_UPDATE',
    new_transactions: INITIAL_UPDATE_NEW_TRANSACTIONS,
    error: null,
  });
  context.webhooks.emit(item, {
    webhook_type: 'TRANSACTIONS',
    webhook_code: 'HISTORICAL_UPDATE',
    new_transactions: HISTORICAL_UPDATE_NEW_TRANSACTIONS,
    error: null,
  });
}

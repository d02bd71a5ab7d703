import { accountsGet, authGet } from './plaid-account-handlers.js';
import { sandboxItemFireWebhook } from './plaid-fire-webhook.js';
import { institutionsGet, institutionsGetById, institutionsSearch } from './plaid-institution-handlers.js';
import { itemGet, itemRemove, itemWebhookUpdate } from './plaid-item-handlers.js';
import { processorStripeBankAccountTokenCreate, processorTokenCreate } from './plaid-processor-handlers.js';
import type { PlaidRoute } from './plaid-route.js';
import { sandboxItemResetLogin, sandboxPublicTokenCreate } from './plaid-sandbox-handlers.js';
import { itemPublicTokenCreate, itemPublicTokenExchange, linkTokenCreate } from './plaid-token-handlers.js';
import { webhookVerificationKeyGet } from './plaid-webhook-key-handler.js';

/** Every emulated Plaid endpoint by path (all are `POST`). */
export const PLAID_ROUTES: ReadonlyMap<string, PlaidRoute> = new Map<string, PlaidRoute>([
  ['/sandbox/public_token/create', sandboxPublicTokenCreate],
  ['/sandbox/item/reset_login', sandboxItemResetLogin],
  ['/sandbox/item/fire_webhook', sandboxItemFireWebhook],
  ['/item/public_token/exchange', itemPublicTokenExchange],
  ['/item/public_token/create', itemPublicTokenCreate],
  ['/link/token/create', linkTokenCreate],
  ['/item/get', itemGet],
  ['/item/remove', itemRemove],
  ['/item/webhook/update', itemWebhookUpdate],
  ['/accounts/get', accountsGet],
  ['/auth/get', authGet],
  ['/institutions/get', institutionsGet],
  ['/institutions/search', institutionsSearch],
  ['/institutions/get_by_id', institutionsGetById],
  ['/processor/stripe/bank_account_token/create', processorStripeBankAccountTokenCreate],
  ['/processor/token/create', processorTokenCreate],
  ['/webhook_verification_key/get', webhookVerificationKeyGet],
]);

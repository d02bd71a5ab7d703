export { type ClaimTiming, runClaimed } from './claim.js';
export { createStore, type Store, type StoreDatabase, type StoreOptions } from './create-store.js';
export { isTransientDatabaseError } from './database-error.js';
export { itemStatusForWebhook } from './item-lifecycle.js';
export { migrate } from './migrate.js';
export { MIGRATIONS, type Migration, SCHEMA_VERSION } from './migrations.js';
export {
  createPaymentOutcomeRouter,
  type PaymentOutcomeEventInput,
  type PaymentOutcomeMapper,
  type PaymentOutcomeReceiveResult,
  type PaymentOutcomeRouter,
  type PaymentOutcomeRouterOptions,
} from './payment-outcome-router.js';
export { openPgClient, type PostgresLocation } from './pg-client.js';
export { openPgliteClient, type PgliteLocation } from './pglite-client.js';
export type { SqlClient, SqlExecutor } from './sql-client.js';
export {
  ClaimTimeoutError,
  StoreError,
  type StoreErrorOptions,
  StoreSchemaError,
  StoreUnavailableError,
  TokenDecryptionError,
  type TokenDecryptionReason,
} from './store-errors.js';
export type {
  Claimed,
  ExchangedToken,
  ItemHealthEntry,
  ItemStatus,
  ItemStatusChange,
  PaymentKey,
  PaymentRecord,
  ProcessorLinkKey,
  ProcessorLinkRecord,
  SaveItemInput,
  StoredAccount,
  StoredItem,
  StoredPayment,
  StoredProcessorLink,
  WaitOptions,
} from './store-types.js';
export {
  createTokenCipher,
  ENCRYPTION_KEYS_ENV,
  type EncryptionKey,
  parseEncryptionKeys,
  type SealedSecret,
  type TokenCipher,
} from './token-cipher.js';
export type {
  InboxDelivery,
  InboxProcessResult,
  InboxRecordInput,
  InboxRunOptions,
  InboxState,
  WebhookInbox,
} from './webhook-inbox.js';
export {
  createPlaidWebhookRouter,
  type PlaidEventOf,
  type PlaidWebhookHandler,
  type PlaidWebhookRouter,
  type PlaidWebhookRouterOptions,
  type ReceiveResult,
} from './webhook-router.js';

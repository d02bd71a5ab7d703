export {
  type AccountNotDebitableDetails,
  AccountNotDebitableError,
  type AccountRefusalReason,
  type AchDebitVerdict,
  assertAchDebitable,
  checkAchDebitable,
} from './account-eligibility.js';
export {
  ACH_RETURN_CATALOG,
  type AchReturnCategory,
  type AchReturnEntry,
} from './ach-returns/ach-return-catalog.js';
export {
  type AchReturnDescription,
  describeAchReturn,
  listAchReturnCodes,
} from './ach-returns/describe-ach-return.js';
export type { LinkResult, ProcessorAdapter } from './adapter.js';
export {
  type AdapterStore,
  type AdapterStoreLinkKey,
  type AdapterStoreLinkRecord,
  type AdapterStorePaymentRecord,
  type AdapterStoreWaitOptions,
  adapterStoreSchema,
  createStoreExchangeMemo,
} from './adapter-store.js';
export {
  AchBridgeError,
  type AchBridgeErrorOptions,
  ConfigError,
  hasErrorMarker,
  type InputIssue,
  InputValidationError,
  NetworkError,
  type NetworkErrorReason,
  ProviderError,
  type ProviderErrorDetails,
  type ProviderName,
  ResponseValidationError,
  setErrorMarker,
} from './errors.js';
export { hmacSha256Hex, sha256Hex, timingSafeEqualText } from './hashing.js';
export {
  type FetchFunction,
  type HeaderView,
  type HttpRequest,
  type HttpResponse,
  isRetryableStatus,
  parseJsonText,
  parseRetryAfter,
  sendHttpRequest,
  withoutTrailingSlash,
} from './http.js';
export {
  type CreateUpdateModeLinkTokenInput,
  createUpdateModeLinkToken,
  type UpdateModeLinkToken,
} from './item-health/create-update-mode-link-token.js';
export {
  type GetItemHealthInput,
  getItemHealth,
  PENDING_EXPIRATION_DAYS,
} from './item-health/get-item-health.js';
export type {
  ItemHealth,
  ItemHealthAction,
  ItemHealthActionKind,
  ItemHealthStatus,
} from './item-health/item-health-types.js';
export {
  createConsoleLogger,
  createRedactingLogger,
  type LogFields,
  type Logger,
  type LogLevel,
  silentLogger,
} from './logger.js';
export {
  createPaymentOutcomePoller,
  type PaymentOutcomePoller,
  type PaymentOutcomePollerSettings,
  type PaymentPollResult,
  type PaymentPollStop,
  type PaymentStatusReader,
} from './payment-outcomes/payment-outcome-poller.js';
export {
  createMemoryPaymentOutcomeStore,
  type PaymentKey,
  type PaymentOutcomeStore,
  sameOutcomeVersion,
} from './payment-outcomes/payment-outcome-store.js';
export {
  createPaymentOutcomeTracker,
  type PaymentOutcomeListener,
  type PaymentOutcomeTracker,
  type PaymentOutcomeTrackerSettings,
} from './payment-outcomes/payment-outcome-tracker.js';
export {
  PAYMENT_OUTCOME_STATUSES,
  type PaymentOutcome,
  type PaymentOutcomeChange,
  type PaymentOutcomeSource,
  type PaymentOutcomeStatus,
  type PaymentOutcomeUpdate,
} from './payment-outcomes/payment-outcome-types.js';
export {
  type PaymentOutcomeReduction,
  paymentOutcomeRank,
  reducePaymentOutcome,
} from './payment-outcomes/reduce-payment-outcome.js';
export {
  type AuthSupport,
  checkAuthSupport,
  evaluateAuthSupport,
  findAuthInstitutions,
  type ProcessorVerdict,
} from './plaid/auth-support.js';
export { createPlaidClient } from './plaid/create-plaid-client.js';
export { PlaidApiError, type PlaidApiErrorDetails } from './plaid/plaid-api-error.js';
export type {
  PlaidAccount,
  PlaidCallOptions,
  PlaidClient,
  PlaidClientSettings,
  PlaidEnvironment,
  PlaidErrorBody,
  PlaidInstitution,
  PlaidItem,
  PlaidProduct,
  PlaidRequestOptions,
} from './plaid/plaid-client-types.js';
export {
  PLAID_API_VERSION,
  PLAID_ENVIRONMENT_URLS,
  type PlaidTokenEnvironment,
  resolvePlaidEnvironment,
} from './plaid/plaid-environments.js';
export {
  categoryOfPlaidErrorType,
  describePlaidError,
  listPlaidErrorCodes,
  type PlaidErrorCategory,
  type PlaidErrorDescription,
  type PlaidErrorOccurrence,
} from './plaid/plaid-error-catalog.js';
export { PLAID_COUNTRY_CODES } from './plaid/plaid-input-schemas.js';
export { plaidErrorBodySchema } from './plaid/plaid-schemas.js';
export {
  assertPlaidTokenFor,
  type ParsedPlaidToken,
  type PlaidTokenKind,
  parsePlaidToken,
  tryParsePlaidToken,
} from './plaid/plaid-tokens.js';
export {
  isKnownProcessorName,
  KNOWN_PROCESSOR_NAMES,
  type KnownProcessorName,
  type ProcessorName,
} from './plaid/processor-names.js';
export {
  createPublicTokenExchangeMemo,
  type ExchangedPublicToken,
  type PublicTokenExchangeMemo,
  type PublicTokenExchangeMemoSettings,
} from './plaid/public-token-exchange-memo.js';
export type { AchProcessor, KnownAchProcessor, ProcessorRequirements } from './processor-requirements.js';
export { isSecretKey, REDACTED, redactSecrets, redactValue, registerSecret } from './redact.js';
export {
  computeRetryDelay,
  createAbortError,
  isRetryableError,
  type RetryOptions,
  raceAbort,
  sleep,
  withRetry,
} from './retry.js';
export type { RetrySettings } from './retry-settings.js';
// Deprecated here: the plumbing below (request helpers, retry, abort race, settings, parse helpers and the
// error markers) now lives at `@achbridge/core/internal`; these re-exports go away in the next minor release.
export { lazySetting, loadSetting, type SettingSource } from './settings.js';
export { parseInput, parseResponse, type ResponseContext, toInputIssues } from './validate.js';
export { parsePlaidWebhook } from './webhooks/parse-plaid-webhook.js';
export type { PlaidErrorDetails } from './webhooks/plaid-error-details.js';
export {
  type PlaidWebhookDedupeKeyInput,
  plaidWebhookDedupeKey,
} from './webhooks/plaid-webhook-dedupe-key.js';
export type {
  PlaidAuthAutomaticallyVerifiedWebhook,
  PlaidAuthDefaultUpdateWebhook,
  PlaidAuthVerificationExpiredWebhook,
  PlaidItemErrorWebhook,
  PlaidItemLoginRepairedWebhook,
  PlaidItemNewAccountsAvailableWebhook,
  PlaidItemPendingDisconnectWebhook,
  PlaidItemPendingExpirationWebhook,
  PlaidItemUserAccountRevokedWebhook,
  PlaidItemUserPermissionRevokedWebhook,
  PlaidItemWebhookUpdateAcknowledgedWebhook,
  PlaidKnownWebhookEvent,
  PlaidTransactionsRemovedWebhook,
  PlaidTransactionsUpdateWebhook,
  PlaidUnknownWebhook,
  PlaidUnknownWebhookReason,
  PlaidWebhookEnvironment,
  PlaidWebhookEvent,
  PlaidWebhookEventBase,
  PlaidWebhookKind,
} from './webhooks/plaid-webhook-events.js';
export {
  type PlaidWebhookJwk,
  plaidWebhookJwkSchema,
  webhookVerificationKeyResponseSchema,
} from './webhooks/plaid-webhook-key.js';
export {
  createPlaidWebhookVerifier,
  PLAID_VERIFICATION_HEADER,
  type PlaidWebhookDelivery,
  type PlaidWebhookVerifier,
  type PlaidWebhookVerifierSettings,
} from './webhooks/plaid-webhook-verifier.js';
export { type RawWebhookBody, rawBodyBytes, rawBodyText } from './webhooks/raw-body.js';
export { verifyPlaidWebhook } from './webhooks/verify-plaid-webhook-request.js';
export { type HeaderLookup, readHeader, type WebhookHeaders } from './webhooks/webhook-headers.js';
export type { WebhookRequest } from './webhooks/webhook-request.js';
export {
  WEBHOOK_VERIFICATION_REASONS,
  WebhookVerificationError,
  type WebhookVerificationErrorOptions,
  type WebhookVerificationReason,
} from './webhooks/webhook-verification-error.js';

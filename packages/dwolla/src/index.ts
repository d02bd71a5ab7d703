export {
  type AmbiguousDuplicateDetails,
  DwollaAmbiguousDuplicateError,
} from './ambiguous-duplicate-error.js';
export { createDwollaAdapter, type DwollaAdapter, type DwollaCallOptions } from './dwolla-adapter.js';
export type {
  CreateCustomerInput,
  CreateFundingSourceInput,
  CreateProcessorTokenInput,
  DwollaLinkInput,
} from './dwolla-adapter-schemas.js';
export {
  createDwollaClient,
  type DwollaClient,
  type DwollaCreated,
  type DwollaPostOptions,
  type DwollaRequestOptions,
  type DwollaResponse,
} from './dwolla-client.js';
export type { DwollaClientSettings } from './dwolla-client-settings.js';
export { DWOLLA_ENVIRONMENT_URLS, DWOLLA_MEDIA_TYPE, type DwollaEnvironment } from './dwolla-environments.js';
export { DwollaApiError, type DwollaEmbeddedError, isDwollaErrorCode } from './dwolla-errors.js';
export type {
  DwollaCustomer,
  DwollaCustomerResult,
  DwollaFundingSource,
  DwollaFundingSourceResult,
} from './dwolla-models.js';
export { createDwollaOutcomeMapper, type DwollaOutcomeMapper } from './dwolla-outcome-mapper.js';
export type { DwollaPlaidClient } from './dwolla-plaid-client.js';
export { dwollaRequirements } from './dwolla-requirements.js';
export {
  createDwollaTokenManager,
  type DwollaTokenManager,
  type DwollaTokenManagerSettings,
} from './dwolla-token-manager.js';
export type {
  DwollaTransferCallOptions,
  DwollaTransferMethods,
} from './dwolla-transfer-methods.js';
export type {
  DwollaTransfer,
  DwollaTransferFailure,
  DwollaTransferStatus,
} from './dwolla-transfer-models.js';
export {
  createDwollaTransferStatusReader,
  DWOLLA_TRANSFER_OUTCOME_STATUS,
  type DwollaTransferReader,
  dwollaTransferOutcome,
  dwollaTransferOutcomeFromEvent,
} from './dwolla-transfer-outcome.js';
export type { CreateTransferInput } from './dwolla-transfer-schemas.js';
export { type DwollaWebhookFailureReason, DwollaWebhookVerificationError } from './dwolla-webhook-error.js';
export {
  DWOLLA_FUNDING_SOURCE_TOPICS,
  type DwollaFundingSourceTopic,
  type DwollaFundingSourceWebhookEvent,
  type DwollaOtherWebhookEvent,
  type DwollaWebhookEvent,
  isFundingSourceTopic,
} from './dwolla-webhook-events.js';
export { ENVIRONMENT_PAIRING_RULE } from './environment-guard.js';
export { deriveIdempotencyKey } from './idempotency-key.js';
export type { DwollaLinkResult } from './link-account.js';
export {
  DWOLLA_SIGNATURE_HEADER,
  DWOLLA_TOPIC_HEADER,
  type DwollaWebhookBody,
  type DwollaWebhookHeaders,
  signDwollaWebhook,
  type VerifyDwollaWebhookInput,
  verifyDwollaWebhook,
} from './verify-dwolla-webhook.js';
export { verifyDwollaWebhookRequest } from './verify-dwolla-webhook-request.js';

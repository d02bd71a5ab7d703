// @achbridge/core/internal: the plumbing processor adapters are built on (requests, retry, abort, settings,
// validation, error markers). Semver-stable for adapter authors; apps use the main entry point instead.
export {
  abortSignalSchema,
  absoluteHttpUrlSchema,
  clientTransportSettingsFields,
  credentialSettingSchema,
  fetchSchema,
  idempotencyKeySchema,
  isFunction,
  isPlaidClientLike,
  loggerSchema,
} from '../adapter-option-schemas.js';
export { type BaseUrlSource, baseUrlFromEnvironment } from '../base-url-setting.js';
export { bankAccountTypeOf, type DebitAccountRead, readDebitAccountBesideMint } from '../debit-account.js';
export {
  createEnvironmentPairingGuard,
  type EnvironmentPairingCheck,
  type EnvironmentPairingGuardSettings,
  plaidTokenEnvironment,
} from '../environment-pairing.js';
export { type RuntimeGlobals, readEnvironmentVariable } from '../environment-variable.js';
export { hasErrorMarker, setErrorMarker } from '../errors.js';
export { hmacSha256HexOf, sha256HexOf, timingSafeEqualTextOf } from '../hashing.js';
export {
  type FetchFunction,
  type HttpRequest,
  type HttpResponse,
  isRetryableStatus,
  parseJsonText,
  parseRetryAfter,
  sendHttpRequest,
  withoutTrailingSlash,
} from '../http.js';
export { lazySchema } from '../lazy-schema.js';
export {
  type LinkAccessToken,
  type LinkToken,
  type LinkTokenInput,
  linkTokensOf,
  resolveLinkAccessToken,
  withHiddenAccessToken,
} from '../link-access-token.js';
export { type LinkAccountRead, readLinkAccount } from '../link-account-read.js';
export {
  createProviderPipeline,
  type PipelineErrorContext,
  type PipelineRequest,
  type PipelineResult,
  type PipelineRetryPolicy,
  type ProviderPipeline,
  type ProviderPipelineConfig,
} from '../pipeline/provider-pipeline.js';
export {
  linkTokenFields,
  plaidAccessTokenSchema,
  plaidAccountIdSchema,
  plaidProcessorTokenSchema,
  plaidPublicTokenSchema,
  processorTokenInputSchema,
  withExactlyOneLinkToken,
} from '../plaid/plaid-link-input-schemas.js';
export { type MintedProcessorToken, requestProcessorToken } from '../plaid/processor-token-request.js';
export {
  type ProcessorLinkClaimKey,
  processorLinkOnce,
  type StoredLinkFormat,
} from '../processor-link-once.js';
export {
  computeRetryDelay,
  createAbortError,
  isRetryableError,
  type RetryOptions,
  raceAbort,
  sleep,
  withRetry,
} from '../retry.js';
export { type RetrySettings, retrySettingsSchema } from '../retry-settings.js';
export { lazySetting, loadSetting, type SettingSource } from '../settings.js';
export { deriveStableKey, stableKeyDigest } from '../stable-key.js';
export { registerTypedTwin, typedTwin } from '../typed-twin.js';
export { parseInput, parseResponse, type ResponseContext, toInputIssues } from '../validate.js';
export { type WebhookRequest, webhookRequestSchema } from '../webhooks/webhook-request.js';

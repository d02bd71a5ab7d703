export type { LinkResult, ProcessorAdapter } from './adapter.js';
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
export {
  type FetchFunction,
  type HttpRequest,
  type HttpResponse,
  isRetryableStatus,
  parseJsonText,
  parseRetryAfter,
  sendHttpRequest,
  withoutTrailingSlash,
} from './http.js';
export {
  createConsoleLogger,
  createRedactingLogger,
  type LogFields,
  type Logger,
  type LogLevel,
  silentLogger,
} from './logger.js';
export {
  type AchProcessor,
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
export { isSecretKey, REDACTED, redactSecrets, redactValue, registerSecret } from './redact.js';
export {
  computeRetryDelay,
  createAbortError,
  isRetryableError,
  type RetryOptions,
  sleep,
  withRetry,
} from './retry.js';
export { lazySetting, loadSetting, type SettingSource } from './settings.js';
export { parseInput, parseResponse, type ResponseContext, toInputIssues } from './validate.js';

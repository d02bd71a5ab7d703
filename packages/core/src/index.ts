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

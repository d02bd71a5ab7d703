import { networkRemediation } from './network-remediation.js';
import type { AchProcessor } from './processor-requirements.js';
import { isSecretKey, REDACTED, redactSecrets, redactValue } from './redact.js';

const BASE_MARKER = 'achbridge.error';
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Which provider an error came from: `'plaid'`, a processor's name, or any adapter's own name (an open string). */
export type ProviderName = 'plaid' | AchProcessor;

/** Copies issues with secrets redacted from their messages (a message may quote the offending value). */
function redactIssues(issues: readonly InputIssue[]): InputIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: redactSecrets(issue.message) }));
}

/** Options every achbridge error accepts. */
export interface AchBridgeErrorOptions {
  /** The underlying error; kept for debugging but never serialized with secrets. */
  cause?: unknown;
}

function markerKey(name: string): symbol {
  return Symbol.for(`${BASE_MARKER}.${name}`);
}

/** Marks an instance with a marker so `isInstance` works across duplicated package copies. */
export function setErrorMarker(target: object, name: string): void {
  Object.defineProperty(target, markerKey(name), { value: true, enumerable: false, configurable: true });
  if (target instanceof Error && hasErrorMarker(target, 'AchBridgeError')) finishError(target);
}

/** The class name the stack's first line was written with (V8 writes it once, on first access). */
const STACK_NAME = Symbol.for('achbridge.error.stackName');

/** Deep copy of plain objects and arrays with secret-named keys and secret-shaped strings redacted. */
function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactDeep(inner, depth + 1);
  }
  return out;
}

/** Whether two values serialize alike (a redacted copy that changed nothing). */
function sameJson(left: unknown, right: unknown): boolean {
  try {
    return JSON.stringify(left) === JSON.stringify(right);
  } catch {
    return false;
  }
}

/** Redacts a foreign cause's message, stack and string properties in place, only where a secret shows. */
function redactCause(cause: unknown, depth: number): void {
  if (!(cause instanceof Error) || depth > 4 || hasErrorMarker(cause, 'AchBridgeError')) return;
  const record = cause as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack', ...Object.keys(cause)]) {
    const value = record[key];
    if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) continue;
    const redacted =
      typeof value === 'string' ? (isSecretKey(key) ? REDACTED : redactSecrets(value)) : redactDeep(value, 0);
    if (redacted === value || (typeof value === 'object' && sameJson(redacted, value))) continue;
    try {
      record[key] = redacted;
    } catch {
      // A read-only property of a foreign error: left as is (it is never serialized by achbridge).
    }
  }
  redactCause((cause as { cause?: unknown }).cause, depth + 1);
}

/**
 * Runs at the end of every achbridge error constructor (via `setErrorMarker`): redacts every own enumerable
 * property (nested ones too), makes `name` non-enumerable and rewrites the stack's first line with the final
 * class name, which V8 wrote with the base class's name when the base constructor redacted the stack.
 */
function finishError(error: Error): void {
  const record = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(error)) {
    const value = record[key];
    const redacted = isSecretKey(key) && typeof value === 'string' ? REDACTED : redactDeep(value, 0);
    if (redacted !== value) record[key] = redacted;
  }
  const name = error.name;
  Object.defineProperty(error, 'name', {
    value: name,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  const written = (error as unknown as Record<symbol, unknown>)[STACK_NAME];
  if (typeof error.stack === 'string' && typeof written === 'string' && written !== name) {
    if (error.stack.startsWith(written)) error.stack = `${name}${error.stack.slice(written.length)}`;
  }
  Object.defineProperty(error, STACK_NAME, { value: name, enumerable: false, writable: true });
  redactCause((error as { cause?: unknown }).cause, 0);
}

/** Whether `value` carries the marker of the named error class. */
export function hasErrorMarker(value: unknown, name: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[markerKey(name)] === true
  );
}

/** Base class of every error achbridge throws; its message, JSON and inspect output are redacted. */
export class AchBridgeError extends Error {
  /** Stable machine-readable code, e.g. `CONFIG_ERROR` or a provider error code. */
  readonly code: string;

  constructor(code: string, message: string, options: AchBridgeErrorOptions = {}) {
    super(redactSecrets(message));
    Object.defineProperty(this, 'name', {
      value: 'AchBridgeError',
      enumerable: false,
      writable: true,
      configurable: true,
    });
    this.code = code;
    if (options.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true });
    }
    if (this.stack) this.stack = redactSecrets(this.stack);
    Object.defineProperty(this, STACK_NAME, { value: 'AchBridgeError', enumerable: false, writable: true });
    setErrorMarker(this, 'AchBridgeError');
  }

  /** Whether `error` is any achbridge error, even from another copy of the package. */
  static isInstance(error: unknown): error is AchBridgeError {
    return hasErrorMarker(error, 'AchBridgeError');
  }

  /** A plain, redacted object for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const own: Record<string, unknown> = {};
    for (const key of Object.keys(this)) {
      own[key] = (this as unknown as Record<string, unknown>)[key];
    }
    const cause = (this as { cause?: unknown }).cause;
    return redactValue({
      name: this.name,
      message: this.message,
      ...own,
      ...(cause instanceof Error ? { cause: { name: cause.name, message: cause.message } } : {}),
    }) as Record<string, unknown>;
  }

  /** Redacted view for `util.inspect` / `console.log`. */
  [inspectSymbol](): string {
    const json = this.toJSON();
    const { name: _name, message: _message, ...rest } = json;
    const details = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}${details}`;
  }
}

/** A setting is missing or invalid (keys, environment, base URL, mode mismatch). */
export class ConfigError extends AchBridgeError {
  constructor(message: string, options: AchBridgeErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'CONFIG_ERROR', message, options);
    this.name = 'ConfigError';
    setErrorMarker(this, 'ConfigError');
  }

  /** Whether `error` is a ConfigError. */
  static override isInstance(error: unknown): error is ConfigError {
    return hasErrorMarker(error, 'ConfigError');
  }
}

/** One problem found in a caller's input. */
export interface InputIssue {
  /** Dotted path of the offending field, e.g. `customer.email`; empty for the whole input. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/** A public function was called with bad input; names the offending field(s). */
export class InputValidationError extends AchBridgeError {
  /** The function that rejected the input. */
  readonly operation: string;
  /** The first offending field path. */
  readonly field: string;
  /** Every problem found. */
  readonly issues: InputIssue[];

  constructor(operation: string, issues: InputIssue[], options: AchBridgeErrorOptions = {}) {
    const first = issues[0] ?? { path: '', message: 'invalid input' };
    const where = first.path === '' ? 'input' : `\`${first.path}\``;
    const more =
      issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
    super('INPUT_VALIDATION_ERROR', `${operation}: invalid ${where}: ${first.message}${more}`, options);
    this.name = 'InputValidationError';
    this.operation = operation;
    this.field = first.path;
    this.issues = redactIssues(issues);
    setErrorMarker(this, 'InputValidationError');
  }

  /** Whether `error` is an InputValidationError. */
  static override isInstance(error: unknown): error is InputValidationError {
    return hasErrorMarker(error, 'InputValidationError');
  }
}

/** Fields shared by errors that came back from a provider. */
export interface ProviderErrorDetails extends AchBridgeErrorOptions {
  provider: ProviderName;
  /** HTTP status, or undefined when no response arrived. */
  status?: number | undefined;
  /** The provider's request id, for support tickets. */
  requestId?: string | undefined;
  /** Whether repeating the same request may succeed. */
  isRetryable?: boolean;
  /** Milliseconds the provider asked us to wait (Retry-After). */
  retryAfterMs?: number | undefined;
  /** What to do about it. */
  remediation?: string | undefined;
}

/** A provider answered with an error. */
export class ProviderError extends AchBridgeError {
  /** Which provider answered. */
  readonly provider: ProviderName;
  /** HTTP status of the answer. */
  readonly status: number | undefined;
  /** The provider's request id. */
  readonly requestId: string | undefined;
  /** Whether repeating the same request may succeed. */
  readonly isRetryable: boolean;
  /** Milliseconds the provider asked us to wait before retrying. */
  readonly retryAfterMs: number | undefined;
  /** Advice for the developer or user. */
  readonly remediation: string | undefined;

  constructor(code: string, message: string, details: ProviderErrorDetails) {
    super(code, message, details);
    this.name = 'ProviderError';
    this.provider = details.provider;
    this.status = details.status;
    this.requestId = details.requestId;
    this.isRetryable = details.isRetryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.remediation = details.remediation === undefined ? undefined : redactSecrets(details.remediation);
    setErrorMarker(this, 'ProviderError');
  }

  /** Whether `error` is a ProviderError (including Plaid, Stripe and Dwolla errors). */
  static override isInstance(error: unknown): error is ProviderError {
    return hasErrorMarker(error, 'ProviderError');
  }
}

/** A provider's answer did not match the documented shape (or was not JSON). */
export class ResponseValidationError extends ProviderError {
  /** The endpoint whose response was malformed. */
  readonly endpoint: string;
  /** What did not match. */
  readonly issues: InputIssue[];

  constructor(
    details: ProviderErrorDetails & {
      endpoint: string;
      issues: InputIssue[];
      bodySnippet?: string | undefined;
    },
  ) {
    const first = details.issues[0];
    const what = first
      ? `${first.path === '' ? 'body' : `\`${first.path}\``}: ${first.message}`
      : 'unexpected body';
    super(
      'RESPONSE_VALIDATION_ERROR',
      `${details.provider} ${details.endpoint} returned a malformed response (${what})`,
      {
        ...details,
        isRetryable: details.isRetryable ?? false,
        remediation:
          details.remediation ??
          'The provider answered with an unexpected body. Retry later; if it persists, report it with the request id.',
      },
    );
    this.name = 'ResponseValidationError';
    this.endpoint = details.endpoint;
    this.issues = redactIssues(details.issues);
    setErrorMarker(this, 'ResponseValidationError');
  }

  /** Whether `error` is a ResponseValidationError. */
  static override isInstance(error: unknown): error is ResponseValidationError {
    return hasErrorMarker(error, 'ResponseValidationError');
  }
}

/** Why a request never got an answer. */
export type NetworkErrorReason = 'timeout' | 'reset' | 'aborted' | 'unreachable' | 'unknown';

/** No usable answer arrived: timeout, connection reset, DNS failure or abort. */
export class NetworkError extends AchBridgeError {
  /** Which provider we were calling. */
  readonly provider: ProviderName;
  /** What went wrong. */
  readonly reason: NetworkErrorReason;
  /** Network errors are retryable unless the caller aborted. */
  readonly isRetryable: boolean;
  /** The endpoint being called. */
  readonly endpoint: string;
  /** What to do about it (whether the request may have been applied, and whether re-running is safe). */
  readonly remediation: string;

  constructor(
    provider: ProviderName,
    endpoint: string,
    reason: NetworkErrorReason,
    message: string,
    options: AchBridgeErrorOptions = {},
  ) {
    super(`NETWORK_${reason.toUpperCase()}`, `${provider} ${endpoint}: ${message}`, options);
    this.name = 'NetworkError';
    this.provider = provider;
    this.reason = reason;
    this.endpoint = endpoint;
    this.isRetryable = reason !== 'aborted';
    this.remediation = networkRemediation(provider, reason, endpoint);
    setErrorMarker(this, 'NetworkError');
  }

  /** Whether `error` is a NetworkError. */
  static override isInstance(error: unknown): error is NetworkError {
    return hasErrorMarker(error, 'NetworkError');
  }
}

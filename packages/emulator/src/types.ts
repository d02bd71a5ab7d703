import type { IncomingHttpHeaders } from 'node:http';
import type { MintedToken, TokenBridge } from './kernel/token-bridge.js';

/** A request as the provider modules see it. */
export interface EmulatorRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path relative to the provider's prefix, e.g. `/item/get` (Plaid), `/customers` (Stripe, after `/v1`). */
  path: string;
  /** Parsed query string. */
  query: URLSearchParams;
  /** Lower-cased request headers. */
  headers: IncomingHttpHeaders;
  /** The raw body bytes. */
  rawBody: Buffer;
  /** The emulator's origin, e.g. `http://127.0.0.1:4010`, for building absolute URLs (Location, HAL links). */
  origin: string;
}

/** What a provider module answers. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else is JSON-encoded. */
  body?: unknown;
}

/** How an injected failure should answer, see the faults control API. */
export interface FaultErrorOptions {
  /** Seconds for a Retry-After header (429s). */
  retryAfterSeconds?: number | undefined;
  /** Answer with an HTML page instead of the provider's JSON error body (like a proxy/CDN 5xx). */
  html?: boolean | undefined;
}

/** One emulated provider, mounted under a path prefix of the shared server. */
export interface ProviderModule {
  /** Which provider this is (`plaid`, `stripe`, `dwolla`, `modern-treasury`, …): its control and state key. */
  readonly name: string;
  /** Path prefix it is mounted on: `/plaid`, `/v1`, `/dwolla` or `/modern-treasury`. */
  readonly prefix: string;
  /** Handles one request; must never throw for bad input (answers the provider's validation error instead). */
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** The provider's own error answer for an injected status code. */
  faultResponse(status: number, options: FaultErrorOptions): EmulatorResponse;
  /** The provider's own 400 answer for a request the server cannot decode (bad percent-encoding). */
  malformedRequest(message: string): EmulatorResponse;
  /** Counts and lists of the module's state, for `GET /__emulator/state`. */
  snapshot(): Record<string, unknown>;
  /** Drops all state. */
  reset(): void;
  /**
   * Optional provider-specific control endpoints, mounted at `/__emulator/<name>/…`; `request.path` is
   * relative to that mount (e.g. `/items/abc/repair`). Answer `{ error: { code, message } }` bodies on failure.
   */
  handleControl?(request: EmulatorRequest): Promise<EmulatorResponse>;
  /**
   * Optional: the generic control operations this module supports, each mapped to one of its own control routes
   * (see `ProviderControlOperations`); the control API dispatches to them by the module's `name`.
   */
  readonly controlOperations?: ProviderControlOperations;
  /** Optional: the module's webhook deliveries (every attempt), for `GET /__emulator/webhooks`. */
  webhookDeliveries?(): WebhookDeliveryView[];
  /** Optional: stops background work (scheduled webhook retries, in-flight deliveries); `close()` calls it. */
  close?(): void;
  /** Optional: the module's durable state for `--state-file` (Maps and Sets allowed; never raw access tokens). */
  exportState?(): Record<string, unknown>;
  /** Optional: replaces the module's state with what `exportState` returned (after a restart). */
  importState?(state: Record<string, unknown>): void;
}

/**
 * Generic control operations a provider module declares. Each answers the path, relative to the module's control
 * mount, of its own control route that performs the operation, so the control API needs no provider names.
 */
export interface ProviderControlOperations {
  /** The control route (POST, body `{ code }`) that returns the payment `paymentId` now with an ACH return code. */
  returnPayment?(paymentId: string): string;
}

/** How one webhook delivery attempt ended. */
export type WebhookAttemptOutcome = 'delivered' | 'http_error' | 'timeout' | 'network_error';

/** One HTTP attempt to deliver a webhook. */
export interface WebhookAttemptView {
  /** 1 for the first try, 2 and 3 for the retries. */
  attempt: number;
  /** When the attempt started, on the emulated clock (ISO 8601). */
  startedAt: string;
  /** `delivered`, `http_error` (the receiver answered with a refused status), `timeout` or `network_error`. */
  outcome: WebhookAttemptOutcome;
  /** The receiver's HTTP status, or null when it did not answer. */
  status: number | null;
  /** Why an attempt got no answer (timeout, connection refused, …), else null. */
  error: string | null;
}

/** One webhook and every attempt to deliver it, as `GET /__emulator/webhooks` lists it. */
export interface WebhookDeliveryView {
  /** Id of this delivery. */
  id: string;
  /** Which emulated provider sent it: the sending module's name (`plaid`, `dwolla`, `stripe`, …). */
  provider: string;
  /** Id of the event behind it (Plaid: the recorded webhook event; Dwolla: the Event id in the body). */
  eventId: string;
  /** Plaid `webhook_type`; null for Dwolla. */
  type: string | null;
  /** Plaid `webhook_code` or Dwolla topic. */
  code: string;
  /** Where it is (or would be) POSTed. */
  url: string;
  /** Dwolla webhook subscription id; null for Plaid. */
  subscriptionId: string | null;
  /**
   * `pending` (an attempt is in flight or a retry is scheduled), `delivered`, `failed` (every attempt
   * failed) or `skipped` (never sent: the URL is not http(s) on a loopback host, see `skippedReason`).
   */
  status: 'pending' | 'delivered' | 'failed' | 'skipped';
  /** Why a delivery was skipped, else null. */
  skippedReason: string | null;
  /** When the webhook was sent first, on the emulated clock (ISO 8601). */
  createdAt: string;
  /** Finished attempts, oldest first. */
  attempts: WebhookAttemptView[];
}

/** Bank account details that travel from Plaid to a processor inside the emulator. */
export interface BankAccountDetails {
  /** Plaid item and account the details came from. */
  itemId: string;
  accountId: string;
  institutionId: string;
  institutionName: string;
  accountName: string;
  accountMask: string;
  accountType: 'checking' | 'savings';
  routingNumber: string;
  accountNumber: string;
  holderName: string;
  /** A tokenized account number (TAN bank): Stripe test mode keeps it instead of its test account number. */
  tokenized?: boolean | undefined;
}

/** @deprecated Use `MintedToken`: a Stripe btok minted by the emulated Plaid is a token of the bridge like any other. */
export type MintedBankAccountToken = MintedToken;

/** @deprecated Use `MintedToken`: a processor token minted by the emulated Plaid (Dwolla, Modern Treasury, …). */
export type MintedProcessorToken = MintedToken;

/** The shared clock; `advance` moves emulated time forward (token expiry, settlement). */
export interface EmulatorClock {
  /** Emulated now in ms since the epoch. */
  now(): number;
  /** Moves emulated time forward. */
  advance(ms: number): void;
  /** Back to real time. */
  reset(): void;
}

/** @deprecated Use `TokenBridge`: cross-provider state, what Plaid mints and the processors claim, keyed by processor name. */
export type ProviderBridge = TokenBridge;

/** Credentials the emulator accepts (all documented in the package README). */
export interface EmulatorCredentials {
  plaid: { clientId: string; secret: string };
  stripe: { secretKey: string; liveSecretKey: string };
  dwolla: { key: string; secret: string };
}

/** What every provider module is built from. */
export interface ModuleContext {
  clock: EmulatorClock;
  bridge: TokenBridge;
  credentials: EmulatorCredentials;
  /** Options from `startEmulator`, e.g. webhook retry delays. */
  options: EmulatorTuning;
}

/** Timing knobs so tests run fast. */
export interface EmulatorTuning {
  /** Dwolla bearer token lifetime in seconds (default 3600). */
  dwollaTokenTtlSeconds: number;
  /** Delay between webhook delivery retries in ms (default 2000), with `webhookRetries: 'quick'`. */
  webhookRetryDelayMs: number;
  /**
   * How failed Plaid and Dwolla webhooks are retried: `quick` (default) retries twice, `webhookRetryDelayMs`
   * apart, for tests and the sample; `provider` follows each provider's documented schedule on the emulated
   * clock (Plaid: 30 s then 4 times longer each time, for up to 24 h; Dwolla: 8 retries over 72 h), so
   * advancing the clock delivers the retries that fall due.
   */
  webhookRetries?: 'quick' | 'provider' | undefined;
  /** How long a webhook receiver may take before it counts as no answer, ms (default 10000). */
  webhookTimeoutMs: number;
  /**
   * How the emulated Dwolla answers a duplicate bank on `POST /customers/{id}/funding-sources`:
   * `ValidationError` (default; the documented answer, OpenAPI `DuplicateFundingSourceError`, without an id)
   * or `DuplicateResource` (with `_links.about`, as Dwolla's drop-in docs show).
   */
  dwollaDuplicateAnswer?: DwollaDuplicateAnswer | undefined;
  /**
   * The Plaid processor name whose processor tokens the emulated Stripe accepts on
   * `us_bank_account[external_token]` (API version 2026-10-28.preview); the emulated Plaid then also accepts
   * it on `/processor/token/create`. Default null: no name is enabled, because neither Plaid's spec nor its
   * SDK lists one for Stripe (set the name Plaid enabled for your account, e.g. in tests `stripe`).
   */
  stripePlaidProcessor?: string | null | undefined;
}

/** The two forms of Dwolla's duplicate-bank answer the emulator can give. */
export type DwollaDuplicateAnswer = 'ValidationError' | 'DuplicateResource';

/** The default credentials, documented in the README. */
export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
  plaid: { clientId: 'achbridge-emulator-client', secret: 'achbridge-emulator-plaid-secret' },
  stripe: { secretKey: 'sk_test_achbridgeEmulator', liveSecretKey: 'sk_live_achbridgeEmulator' },
  dwolla: { key: 'achbridge-emulator-dwolla-key', secret: 'achbridge-emulator-dwolla-secret' },
};

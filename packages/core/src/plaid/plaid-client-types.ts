import type { z } from 'zod';
import type { FetchFunction } from '../http.js';
import type { Logger } from '../logger.js';
import type { RetrySettings } from '../retry-settings.js';

/** Plaid environments that exist today (Development was retired in 2024). */
export type PlaidEnvironment = 'sandbox' | 'production';

/** Settings for `createPlaidClient`. */
export interface PlaidClientSettings {
  /** Plaid client id; falls back to PLAID_CLIENT_ID, read at first call. */
  clientId?: string;
  /** Plaid secret; falls back to PLAID_SECRET, read at first call. */
  secret?: string;
  /** `sandbox` (default) or `production`. */
  environment?: PlaidEnvironment;
  /** Overrides the environment's host, e.g. the emulator's `http://127.0.0.1:4010/plaid`; falls back to PLAID_BASE_URL. */
  baseUrl?: string;
  /** Injectable fetch (tests, proxies); by default requests go through Node's own HTTP client. */
  fetch?: FetchFunction;
  /** Per-attempt timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Retry tuning: `{ maxRetries = 2, initialDelayMs = 250, maxDelayMs = 8000 }`; Retry-After wins when sent. */
  retry?: RetrySettings;
  /** @deprecated Use `retry: { maxRetries }` (wins when both are set); removed in the next minor release. */
  maxRetries?: number;
  /** @deprecated Use `retry: { initialDelayMs }` (wins when both are set); removed in the next minor release. */
  initialRetryDelayMs?: number;
  /** @deprecated Use `retry: { maxDelayMs }` (wins when both are set); removed in the next minor release. */
  maxRetryDelayMs?: number;
  /** Receives redacted debug/info/warn/error lines; silent by default. */
  logger?: Logger;
}

/** Per-call options accepted by every Plaid client method. */
export interface PlaidCallOptions {
  /** Aborts the call and any pending retry at once. */
  signal?: AbortSignal;
}

/** Options of `PlaidClient.request`: the per-call options plus a per-call retry limit. */
export interface PlaidRequestOptions extends PlaidCallOptions {
  /** Retries for this call only, overriding the client's `maxRetries` (0 fails fast, e.g. on a 429). */
  maxRetries?: number;
}

/** Plaid product names used by achbridge. */
export type PlaidProduct =
  | 'auth'
  | 'transactions'
  | 'identity'
  | 'balance'
  | 'assets'
  | 'investments'
  | 'liabilities'
  | (string & {});

/** A Plaid account (subset of AccountBase that achbridge reads). */
export interface PlaidAccount {
  accountId: string;
  name: string;
  officialName: string | null;
  mask: string | null;
  type: string;
  subtype: string | null;
  verificationStatus?: string | null | undefined;
  /**
   * Plaid's `persistent_account_id`: the same for the same account across Items at banks that use tokenized
   * account numbers (Chase, PNC, US Bank), where the account number changes on every link; null elsewhere.
   */
  persistentAccountId?: string | null | undefined;
  balances: { available: number | null; current: number | null; isoCurrencyCode: string | null };
}

/** A Plaid Item (subset that achbridge reads). */
export interface PlaidItem {
  itemId: string;
  institutionId: string | null;
  webhook: string | null;
  error: PlaidErrorBody | null;
  availableProducts: string[];
  billedProducts: string[];
  consentExpirationTime: string | null;
}

/** Plaid's error object as it appears in responses and webhooks. */
export interface PlaidErrorBody {
  error_type: string;
  error_code: string;
  /** OAuth Item errors only, e.g. OAUTH_CONSENT_EXPIRED. */
  error_code_reason?: string | null | undefined;
  error_message: string;
  display_message: string | null;
  request_id?: string | undefined;
  causes?: unknown[] | undefined;
  status?: number | null | undefined;
  documentation_url?: string | undefined;
  suggested_action?: string | null | undefined;
}

/** A Plaid institution (subset). */
export interface PlaidInstitution {
  institutionId: string;
  name: string;
  products: string[];
  countryCodes: string[];
  routingNumbers: string[];
  oauth: boolean;
}

/** The Plaid client achbridge's adapters build on. Every result carries Plaid's `requestId`. */
export interface PlaidClient {
  /** The environment this client talks to. */
  readonly environment: PlaidEnvironment;
  /** The base URL requests go to (no trailing slash). */
  readonly baseUrl: string;
  /** Exchanges a Link public token for an access token (single use; expires after 30 minutes). */
  exchangePublicToken(
    input: { publicToken: string },
    options?: PlaidCallOptions,
  ): Promise<{ accessToken: string; itemId: string; requestId: string }>;
  /** Creates a Link token; pass `accessToken` (and no products) for update mode. */
  createLinkToken(
    input: {
      clientName: string;
      clientUserId: string;
      countryCodes?: string[];
      language?: string;
      products?: PlaidProduct[];
      webhook?: string;
      accessToken?: string;
      redirectUri?: string;
      accountSelectionEnabled?: boolean;
    },
    options?: PlaidCallOptions,
  ): Promise<{ linkToken: string; expiration: string; requestId: string }>;
  /** Lists an Item's accounts. */
  getAccounts(
    input: { accessToken: string; accountIds?: string[] },
    options?: PlaidCallOptions,
  ): Promise<{ accounts: PlaidAccount[]; item: PlaidItem; requestId: string }>;
  /** Reads account and routing numbers. */
  getAuth(
    input: { accessToken: string; accountIds?: string[] },
    options?: PlaidCallOptions,
  ): Promise<{
    accounts: PlaidAccount[];
    numbers: {
      ach: {
        accountId: string;
        account: string;
        routing: string;
        wireRouting: string | null;
        /** Whether `account` is a tokenized account number (it changes when the user links again). */
        isTokenizedAccountNumber: boolean;
      }[];
    };
    item: PlaidItem;
    requestId: string;
  }>;
  /** Reads an Item, including its error state. */
  getItem(
    input: { accessToken: string },
    options?: PlaidCallOptions,
  ): Promise<{ item: PlaidItem; requestId: string }>;
  /** Removes an Item; its access token, processor tokens and btoks stop working. */
  removeItem(input: { accessToken: string }, options?: PlaidCallOptions): Promise<{ requestId: string }>;
  /** Sets or clears an Item's webhook URL (Plaid answers with WEBHOOK_UPDATE_ACKNOWLEDGED). */
  updateItemWebhook(
    input: { accessToken: string; webhook: string | null },
    options?: PlaidCallOptions,
  ): Promise<{ item: PlaidItem; requestId: string }>;
  /** Reads one institution. */
  getInstitutionById(
    input: { institutionId: string; countryCodes: string[] },
    options?: PlaidCallOptions,
  ): Promise<{ institution: PlaidInstitution; requestId: string }>;
  /** Searches institutions by name (at most 10 results). */
  searchInstitutions(
    input: { query: string; countryCodes: string[]; products?: PlaidProduct[] },
    options?: PlaidCallOptions,
  ): Promise<{ institutions: PlaidInstitution[]; requestId: string }>;
  /** Sandbox-only helpers; refused before any network call on a production client. */
  readonly sandbox: {
    /** Creates a public token without Link (`overridePassword: 'error_ITEM_LOCKED'` simulates errors). */
    createPublicToken(
      input: {
        institutionId: string;
        initialProducts: PlaidProduct[];
        webhook?: string;
        overrideUsername?: string;
        overridePassword?: string;
      },
      options?: PlaidCallOptions,
    ): Promise<{ publicToken: string; requestId: string }>;
    /** Forces an Item into ITEM_LOGIN_REQUIRED. */
    resetLogin(
      input: { accessToken: string },
      options?: PlaidCallOptions,
    ): Promise<{ resetLogin: boolean; requestId: string }>;
    /** Fires a sandbox webhook for an Item. */
    fireWebhook(
      input: { accessToken: string; webhookCode: string; webhookType?: string },
      options?: PlaidCallOptions,
    ): Promise<{ webhookFired: boolean; requestId: string }>;
  };
  /**
   * Calls any Plaid endpoint with a snake_case body and validates the answer with `responseSchema`
   * (which must include `request_id`). Adapters use it for processor endpoints. Tokens in the body
   * (`access_token`, `public_token`) are checked against the client's environment before sending.
   */
  request<S extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    responseSchema: S,
    options?: PlaidRequestOptions,
  ): Promise<z.output<S>>;
}

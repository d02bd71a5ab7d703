/** How a Plaid error is resolved: by the developer, by the end user, by retrying later, or unknown. */
export type PlaidErrorCategory = 'client_action' | 'user_action' | 'retryable' | 'unknown';

/** Where a Plaid error surfaces: Link adding an Item, Link update mode, or an API call. */
export type PlaidErrorOccurrence = 'link-add' | 'link-update' | 'api';

/** What achbridge knows about one Plaid error code. */
export interface PlaidErrorDescription {
  /** The Plaid `error_code`. */
  code: string;
  /** The Plaid `error_type` it is documented under (`UNKNOWN` when not catalogued). */
  type: string;
  /** Who has to act. */
  category: PlaidErrorCategory;
  /** Where it occurs. */
  when: PlaidErrorOccurrence[];
  /** What to do about it. */
  remediation: string;
}

type Entry = Omit<PlaidErrorDescription, 'code'>;

const LINK_ANY: PlaidErrorOccurrence[] = ['link-add', 'link-update'];
const EVERYWHERE: PlaidErrorOccurrence[] = ['link-add', 'link-update', 'api'];
const API: PlaidErrorOccurrence[] = ['api'];

const invalidRequest = (remediation: string): Entry => ({
  type: 'INVALID_REQUEST',
  category: 'client_action',
  when: API,
  remediation,
});
const invalidInput = (remediation: string, when: PlaidErrorOccurrence[] = API): Entry => ({
  type: 'INVALID_INPUT',
  category: 'client_action',
  when,
  remediation,
});
const rateLimit = (endpoint: string, when: PlaidErrorOccurrence[] = API): Entry => ({
  type: 'RATE_LIMIT_EXCEEDED',
  category: 'retryable',
  when,
  remediation: `Too many requests to ${endpoint}. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.`,
});
const INSTITUTION_DOWNTIME =
  'The institution is having downtime. Retry later (usually the following day succeeds); if it persists, contact Plaid Support.';
const LINK_DIFFERENT_ACCOUNT =
  'The account is not supported; ask the user to link a different account or institution.';

/**
 * Every error code the founding FAQ names ("Plaid error codes" and "When to Expect Errors") plus today's
 * codes that matter to an ACH bridge (Plaid docs, errors pages).
 */
const CATALOG: Readonly<Record<string, Entry>> = {
  // Invalid request errors: malformed request, fix the code.
  INVALID_BODY: invalidRequest(
    'The request body is not valid JSON or has the wrong shape; check it against the Plaid API reference.',
  ),
  INVALID_FIELD: invalidRequest(
    'A request field is badly formatted or invalid; the error message names it. Fix the value and resend.',
  ),
  INVALID_HEADERS: invalidRequest(
    'A required header is missing (PLAID-CLIENT-ID, PLAID-SECRET, Content-Type: application/json); check the client configuration.',
  ),
  MISSING_FIELDS: invalidRequest(
    'A required field is missing; the error message names it. Add it and resend.',
  ),
  UNKNOWN_FIELDS: invalidRequest(
    'The request has a field this endpoint does not know; remove it (or upgrade to an API version that supports it).',
  ),
  NOT_FOUND: invalidRequest(
    'The endpoint does not exist; check the path and the API host (sandbox or production).',
  ),
  SANDBOX_ONLY: invalidRequest(
    'This endpoint only exists in Sandbox; do not call sandbox helpers against Production.',
  ),
  INCOMPATIBLE_API_VERSION: invalidRequest(
    'The request uses fields (e.g. public_key) that the Plaid-Version in use does not accept; use 2020-09-14 fields.',
  ),
  NO_LONGER_AVAILABLE: invalidRequest(
    'The endpoint is not available in the API version in use; move to its replacement.',
  ),
  INVALID_CONFIGURATION: invalidRequest(
    '/link/token/create was called with an invalid combination of settings; check products, country codes and the Link configuration.',
  ),
  // Invalid input errors: right fields, wrong values.
  INVALID_ACCESS_TOKEN: invalidInput(
    'The access_token is unknown: it belongs to another environment, its Item was removed, or it is mistyped. Use the token from /item/public_token/exchange in the same environment.',
  ),
  INVALID_PUBLIC_TOKEN: invalidInput(
    'The public_token is malformed, expired (30 minutes) or already exchanged. Have the user complete Link again and exchange the new token once.',
    EVERYWHERE,
  ),
  INVALID_ACCOUNT_ID: invalidInput(
    'The account_id does not belong to this Item (or the account was closed). Re-read the accounts with /accounts/get.',
  ),
  INVALID_API_KEYS: invalidInput(
    'The client_id or secret is wrong for this environment. Check PLAID_CLIENT_ID / PLAID_SECRET and that the secret matches the environment.',
  ),
  INVALID_INSTITUTION: invalidInput('The institution_id is invalid or does not exist in this environment.'),
  INVALID_PRODUCT: invalidInput(
    'Your client_id is not enabled for this product; request access in the Plaid Dashboard or drop the product.',
  ),
  UNAUTHORIZED_ENVIRONMENT: invalidInput(
    'Your client_id is not enabled for this environment; request access in the Plaid Dashboard or use Sandbox.',
  ),
  INVALID_LINK_TOKEN: invalidInput(
    'The link_token is invalid or expired; create a new one with /link/token/create.',
    LINK_ANY,
  ),
  INVALID_PROCESSOR_TOKEN: invalidInput(
    'The processor_token is invalid or its Item was removed; create a new one with /processor/token/create.',
  ),
  INVALID_STRIPE_ACCOUNT: invalidInput(
    'The Stripe account is invalid or not connected to Plaid; connect Stripe in the Plaid Dashboard integrations before minting bank account tokens.',
  ),
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: invalidInput(
    'The webhook key_id is unknown; read kid from the Plaid-Verification JWT header.',
  ),
  UNAUTHORIZED_ROUTE_ACCESS: invalidInput(
    'Your client_id has no access to this endpoint; ask Plaid to enable it.',
  ),
  // Item errors.
  ITEM_NO_ERROR: {
    type: 'ITEM_ERROR',
    category: 'client_action',
    when: ['link-update'],
    remediation:
      'Link update mode was opened for an Item that is healthy; nothing to repair. Check when your app prompts users to reconnect.',
  },
  PRODUCT_NOT_READY: {
    type: 'ITEM_ERROR',
    category: 'client_action',
    when: API,
    remediation:
      "The product's data is not ready yet; wait for the product webhook before fetching instead of polling.",
  },
  PRODUCTS_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    category: 'client_action',
    when: API,
    remediation:
      'This Item does not support the product requested; check available_products with /item/get before calling.',
  },
  PRODUCT_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    category: 'client_action',
    when: API,
    remediation:
      'This Item does not support the product requested (the current code is PRODUCTS_NOT_SUPPORTED); check available_products with /item/get.',
  },
  PRODUCT_NOT_ENABLED: {
    type: 'ASSET_REPORT_ERROR',
    category: 'client_action',
    when: API,
    remediation: 'Your client_id is not enabled for this product; contact Plaid to enable it.',
  },
  NO_AUTH_ACCOUNTS: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: API,
    remediation:
      'The Item has no checking or savings account with account and routing numbers; ask the user to link a different account for ACH.',
  },
  INVALID_UPDATED_USERNAME: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: ['link-update'],
    remediation:
      'The username entered in update mode differs from the original one; if the user really changed it, have them link the account as a new Item.',
  },
  INVALID_CREDENTIALS: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: 'The user entered wrong credentials; let them retry in Link.',
  },
  INVALID_MFA: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: 'The user answered MFA incorrectly; let them retry in Link.',
  },
  INVALID_SEND_METHOD: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation:
      'The institution rejected the MFA delivery method; let the user retry Link and pick another method.',
  },
  INSUFFICIENT_CREDENTIALS: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: 'The user did not finish the OAuth authorization at their bank; let them retry Link.',
  },
  ITEM_LOGIN_REQUIRED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: API,
    remediation:
      'The login details changed or consent expired; open Link in update mode (createLinkToken with accessToken) so the user can repair the Item.',
  },
  ITEM_LOCKED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation:
      'The account is locked at the bank; the user must contact their bank or unlock it in online banking, then retry.',
  },
  USER_SETUP_REQUIRED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation:
      'The user must log in to their online banking and complete a pending action (e.g. accept terms), then retry.',
  },
  ITEM_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: LINK_DIFFERENT_ACCOUNT,
  },
  MFA_NOT_SUPPORTED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: `The account uses a form of MFA Plaid does not support. ${LINK_DIFFERENT_ACCOUNT}`,
  },
  NO_ACCOUNTS: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: `No open eligible accounts were found. ${LINK_DIFFERENT_ACCOUNT}`,
  },
  ACCESS_NOT_GRANTED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: EVERYWHERE,
    remediation:
      'The user did not share the data this product needs (e.g. account numbers); open Link in update mode so they can grant it.',
  },
  USER_PERMISSION_REVOKED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: API,
    remediation:
      'The user revoked access at their bank or via Plaid; remove the Item and ask them to link again if they want to continue.',
  },
  PASSWORD_RESET_REQUIRED: {
    type: 'ITEM_ERROR',
    category: 'user_action',
    when: LINK_ANY,
    remediation: 'The user must reset their password at the bank, then link again.',
  },
  ITEM_NOT_FOUND: {
    type: 'ITEM_ERROR',
    category: 'client_action',
    when: API,
    remediation:
      'The Item no longer exists (removed or never created); stop using its access token and link again.',
  },
  // Institution errors.
  INSTITUTION_NO_LONGER_SUPPORTED: {
    type: 'INSTITUTION_ERROR',
    category: 'client_action',
    when: EVERYWHERE,
    remediation:
      'Plaid no longer supports this institution; prompt the user to connect an account at a different bank.',
  },
  INSTITUTION_DOWN: {
    type: 'INSTITUTION_ERROR',
    category: 'retryable',
    when: EVERYWHERE,
    remediation: INSTITUTION_DOWNTIME,
  },
  INSTITUTION_NOT_RESPONDING: {
    type: 'INSTITUTION_ERROR',
    category: 'retryable',
    when: EVERYWHERE,
    remediation: INSTITUTION_DOWNTIME,
  },
  INSTITUTION_NOT_AVAILABLE: {
    type: 'INSTITUTION_ERROR',
    category: 'retryable',
    when: EVERYWHERE,
    remediation: INSTITUTION_DOWNTIME,
  },
  // Rate limits.
  RATE_LIMIT: {
    type: 'RATE_LIMIT_EXCEEDED',
    category: 'retryable',
    when: ['link-add', 'api'],
    remediation:
      'Too many requests (or too many failed login attempts in Link). Back off; a user blocked in Link should retry the following day.',
  },
  ACCOUNTS_LIMIT: rateLimit('/accounts/get'),
  AUTH_LIMIT: rateLimit('/auth/get'),
  IDENTITY_LIMIT: rateLimit('/identity/get'),
  ITEM_GET_LIMIT: rateLimit('/item/get'),
  TRANSACTIONS_LIMIT: rateLimit('the transactions endpoints'),
  INSTITUTIONS_GET_BY_ID_LIMIT: rateLimit('/institutions/get_by_id'),
  ADDITION_LIMIT: {
    type: 'RATE_LIMIT_EXCEEDED',
    category: 'client_action',
    when: ['link-add'],
    remediation:
      'Your team reached its limit of Items for this environment; request Production access or a higher limit from Plaid.',
  },
  // Plaid-side errors.
  INTERNAL_SERVER_ERROR: {
    type: 'API_ERROR',
    category: 'retryable',
    when: EVERYWHERE,
    remediation:
      'Plaid could not process the request (often institution trouble); retry with backoff, or a few hours later if it persists.',
  },
  PLANNED_MAINTENANCE: {
    type: 'API_ERROR',
    category: 'retryable',
    when: API,
    remediation:
      "Plaid is under planned maintenance; retry after the maintenance window (see Plaid's status page).",
  },
  // Asset Report errors (only when using the Assets endpoints).
  DATA_UNAVAILABLE: {
    type: 'ASSET_REPORT_ERROR',
    category: 'retryable',
    when: API,
    remediation: 'Data for an Item is unavailable (see `causes`, e.g. institution down); retry later.',
  },
  ASSET_REPORT_GENERATION_FAILED: {
    type: 'ASSET_REPORT_ERROR',
    category: 'retryable',
    when: API,
    remediation: 'Report generation failed, likely due to temporary downtime; ask the user to retry later.',
  },
  INVALID_PARENT: {
    type: 'ASSET_REPORT_ERROR',
    category: 'client_action',
    when: API,
    remediation: 'The parent asset report token is invalid (e.g. removed); create the report again.',
  },
  // Sandbox errors.
  SANDBOX_PRODUCT_NOT_ENABLED: {
    type: 'SANDBOX_ERROR',
    category: 'client_action',
    when: API,
    remediation:
      'The Sandbox Item was not created with the product this webhook or call needs; create it with that product in initial_products.',
  },
  SANDBOX_WEBHOOK_INVALID: {
    type: 'SANDBOX_ERROR',
    category: 'client_action',
    when: API,
    remediation:
      'The Sandbox webhook could not be fired; set a webhook URL on the Item first (updateItemWebhook).',
  },
};

const GENERIC_BY_TYPE: Readonly<Record<string, { category: PlaidErrorCategory; advice: string }>> = {
  INVALID_REQUEST: { category: 'client_action', advice: 'The request is malformed; fix the request.' },
  INVALID_INPUT: { category: 'client_action', advice: 'A value in the request is invalid; fix the input.' },
  INVALID_RESULT: {
    category: 'client_action',
    advice: 'The request cannot produce a valid result; check its inputs.',
  },
  ITEM_ERROR: {
    category: 'user_action',
    advice: 'The Item needs attention; Link update mode usually repairs it.',
  },
  INSTITUTION_ERROR: { category: 'retryable', advice: 'The institution has trouble; retry later.' },
  RATE_LIMIT_EXCEEDED: { category: 'retryable', advice: 'Too many requests; back off and retry later.' },
  API_ERROR: { category: 'retryable', advice: 'Plaid had an internal error; retry with backoff.' },
};

/** Every code in the catalog, sorted. */
export function listPlaidErrorCodes(): string[] {
  return Object.keys(CATALOG).sort();
}

/**
 * Describes a Plaid error code: its type, who must act, where it occurs and what to do. An unknown code
 * (or a non-string) never throws: it gets category `unknown` and generic advice, refined by `errorType`.
 */
export function describePlaidError(code: unknown, errorType?: unknown): PlaidErrorDescription {
  const key = typeof code === 'string' ? code.trim().toUpperCase() : '';
  const entry = Object.hasOwn(CATALOG, key) ? CATALOG[key] : undefined;
  if (entry) return { code: key, ...entry, when: [...entry.when] };
  const type = typeof errorType === 'string' && errorType !== '' ? errorType : 'UNKNOWN';
  const hint = Object.hasOwn(GENERIC_BY_TYPE, type) ? GENERIC_BY_TYPE[type] : undefined;
  return {
    code: key === '' ? 'UNKNOWN' : key,
    type,
    category: 'unknown',
    when: [...EVERYWHERE],
    remediation:
      `${hint ? `${hint.advice} ` : ''}This Plaid error code is not in achbridge's catalog; ` +
      "read error_message and Plaid's errors documentation (https://plaid.com/docs/errors/), and quote the request_id to Plaid Support if it persists.",
  };
}

/** The category implied by an error type alone, for codes the catalog does not know. */
export function categoryOfPlaidErrorType(errorType: string): PlaidErrorCategory {
  return Object.hasOwn(GENERIC_BY_TYPE, errorType)
    ? (GENERIC_BY_TYPE[errorType]?.category ?? 'unknown')
    : 'unknown';
}

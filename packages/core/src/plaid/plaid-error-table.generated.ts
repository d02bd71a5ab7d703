// Generated from specs/data/plaid-errors.json by `npm run generate -w @achbridge/specs`. Do not edit:
// change the table and regenerate (a test in specs/ fails when this file and the table disagree).
import type { PlaidErrorCategory, PlaidErrorOccurrence } from './plaid-error-catalog.js';

/** What the Plaid error table says about one code, as core uses it. */
export interface PlaidErrorTableEntry {
  readonly type: string;
  readonly category: PlaidErrorCategory;
  readonly when: readonly PlaidErrorOccurrence[];
  readonly remediation: string;
}

/** Every Plaid error code achbridge can explain, keyed by code. */
export const PLAID_ERROR_TABLE: Readonly<Record<string, PlaidErrorTableEntry>> = {
  ACCESS_NOT_GRANTED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update", "api"],
    remediation: "The user did not share the data this product needs (e.g. account numbers); open Link in update mode so they can grant it.",
  },
  ACCOUNTS_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["api"],
    remediation: "Too many requests to /accounts/get. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.",
  },
  ADDITION_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "client_action",
    when: ["link-add"],
    remediation: "Your team reached its limit of Items for this environment; request Production access or a higher limit from Plaid.",
  },
  ASSET_REPORT_GENERATION_FAILED: {
    type: "ASSET_REPORT_ERROR",
    category: "retryable",
    when: ["api"],
    remediation: "Report generation failed, likely due to temporary downtime; ask the user to retry later.",
  },
  AUTH_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["api"],
    remediation: "Too many requests to /auth/get. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.",
  },
  COUNTRY_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add"],
    remediation: "Plaid does not support the institution's country for this Link session; ask the user to link an account at a US bank (Stripe and Dwolla ACH need one).",
  },
  DATA_UNAVAILABLE: {
    type: "ASSET_REPORT_ERROR",
    category: "retryable",
    when: ["api"],
    remediation: "Data for an Item is unavailable (see `causes`, e.g. institution down); retry later.",
  },
  IDENTITY_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["api"],
    remediation: "Too many requests to /identity/get. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.",
  },
  INCOMPATIBLE_API_VERSION: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "The request uses fields (e.g. public_key) that the Plaid-Version in use does not accept; use 2020-09-14 fields.",
  },
  INSTITUTION_DOWN: {
    type: "INSTITUTION_ERROR",
    category: "retryable",
    when: ["link-add", "link-update", "api"],
    remediation: "The institution is having downtime. Retry later (usually the following day succeeds); if it persists, contact Plaid Support.",
  },
  INSTITUTION_NO_LONGER_SUPPORTED: {
    type: "INSTITUTION_ERROR",
    category: "client_action",
    when: ["link-add", "link-update", "api"],
    remediation: "Plaid no longer supports this institution; prompt the user to connect an account at a different bank.",
  },
  INSTITUTION_NOT_AVAILABLE: {
    type: "INSTITUTION_ERROR",
    category: "retryable",
    when: ["link-add", "link-update", "api"],
    remediation: "The institution is having downtime. Retry later (usually the following day succeeds); if it persists, contact Plaid Support.",
  },
  INSTITUTION_NOT_RESPONDING: {
    type: "INSTITUTION_ERROR",
    category: "retryable",
    when: ["link-add", "link-update", "api"],
    remediation: "The institution is having downtime. Retry later (usually the following day succeeds); if it persists, contact Plaid Support.",
  },
  INSTITUTIONS_GET_BY_ID_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["api"],
    remediation: "Too many requests to /institutions/get_by_id. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.",
  },
  INSUFFICIENT_CREDENTIALS: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The user did not finish the OAuth authorization at their bank; let them retry Link.",
  },
  INTERNAL_SERVER_ERROR: {
    type: "API_ERROR",
    category: "retryable",
    when: ["link-add", "link-update", "api"],
    remediation: "Plaid could not process the request (often institution trouble); retry with backoff, or a few hours later if it persists.",
  },
  INVALID_ACCESS_TOKEN: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The access_token is unknown: it belongs to another environment, its Item was removed, or it is mistyped. Use the token from /item/public_token/exchange in the same environment.",
  },
  INVALID_ACCOUNT_ID: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The account_id does not belong to this Item (or the account was closed). Re-read the accounts with /accounts/get.",
  },
  INVALID_API_KEYS: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The client_id or secret is wrong for this environment. Check PLAID_CLIENT_ID / PLAID_SECRET and that the secret matches the environment.",
  },
  INVALID_BODY: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "The request body is not valid JSON or has the wrong shape; check it against the Plaid API reference.",
  },
  INVALID_CONFIGURATION: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "/link/token/create was called with an invalid combination of settings; check products, country codes and the Link configuration.",
  },
  INVALID_CREDENTIALS: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The user entered wrong credentials; let them retry in Link.",
  },
  INVALID_FIELD: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "A request field is badly formatted or invalid; the error message names it. Fix the value and resend.",
  },
  INVALID_HEADERS: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "A required header is missing (PLAID-CLIENT-ID, PLAID-SECRET, Content-Type: application/json); check the client configuration.",
  },
  INVALID_INSTITUTION: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The institution_id is invalid or does not exist in this environment.",
  },
  INVALID_LINK_TOKEN: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["link-add", "link-update"],
    remediation: "The link_token is invalid or expired; create a new one with /link/token/create.",
  },
  INVALID_MFA: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The user answered MFA incorrectly; let them retry in Link.",
  },
  INVALID_PARENT: {
    type: "ASSET_REPORT_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "The parent asset report token is invalid (e.g. removed); create the report again.",
  },
  INVALID_PROCESSOR_TOKEN: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The processor_token is invalid or its Item was removed; create a new one with /processor/token/create.",
  },
  INVALID_PRODUCT: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "Your client_id is not enabled for this product; request access in the Plaid Dashboard or drop the product.",
  },
  INVALID_PUBLIC_TOKEN: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["link-add", "link-update", "api"],
    remediation: "The public_token is malformed, expired (30 minutes) or already exchanged (public tokens are single use). If your app exchanged it before (a re-run or a retry of link()), pass the accessToken stored from that exchange instead; otherwise have the user complete Link again and exchange the new token once.",
  },
  INVALID_SEND_METHOD: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The institution rejected the MFA delivery method; let the user retry Link and pick another method.",
  },
  INVALID_STRIPE_ACCOUNT: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The Stripe account is invalid or not connected to Plaid; connect Stripe in the Plaid Dashboard integrations before minting bank account tokens.",
  },
  INVALID_UPDATED_USERNAME: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-update"],
    remediation: "The username entered in update mode differs from the original one; if the user really changed it, have them link the account as a new Item.",
  },
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "The webhook key_id is unknown; read kid from the Plaid-Verification JWT header.",
  },
  ITEM_GET_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["api"],
    remediation: "Too many requests to /item/get. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.",
  },
  ITEM_LOCKED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The account is locked at the bank; the user must contact their bank or unlock it in online banking, then retry.",
  },
  ITEM_LOGIN_REQUIRED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["api"],
    remediation: "The login details changed or consent expired; open Link in update mode (createLinkToken with accessToken) so the user can repair the Item.",
  },
  ITEM_NO_ERROR: {
    type: "ITEM_ERROR",
    category: "client_action",
    when: ["link-update"],
    remediation: "Link update mode was opened for an Item that is healthy; nothing to repair. Check when your app prompts users to reconnect.",
  },
  ITEM_NOT_FOUND: {
    type: "ITEM_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "The Item no longer exists (removed or never created); stop using its access token and link again.",
  },
  ITEM_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The account is not supported; ask the user to link a different account or institution.",
  },
  MFA_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The account uses a form of MFA Plaid does not support. The account is not supported; ask the user to link a different account or institution.",
  },
  MISSING_FIELDS: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "A required field is missing; the error message names it. Add it and resend.",
  },
  NO_ACCOUNTS: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "No open eligible accounts were found. The account is not supported; ask the user to link a different account or institution.",
  },
  NO_AUTH_ACCOUNTS: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["api"],
    remediation: "The Item has no checking or savings account with account and routing numbers; ask the user to link a different account for ACH.",
  },
  NO_LONGER_AVAILABLE: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "The endpoint is not available in the API version in use; move to its replacement.",
  },
  NOT_FOUND: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "The endpoint does not exist; check the path and the API host (sandbox or production).",
  },
  PASSWORD_RESET_REQUIRED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The user must reset their password at the bank, then link again.",
  },
  PLANNED_MAINTENANCE: {
    type: "API_ERROR",
    category: "retryable",
    when: ["api"],
    remediation: "Plaid is under planned maintenance; retry after the maintenance window (see Plaid's status page).",
  },
  PRODUCT_NOT_ENABLED: {
    type: "ASSET_REPORT_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "Your client_id is not enabled for this product; contact Plaid to enable it.",
  },
  PRODUCT_NOT_READY: {
    type: "ITEM_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "The product's data is not ready yet; wait for the product webhook before fetching instead of polling.",
  },
  PRODUCT_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "The user's bank does not support the product requested (the current code is PRODUCTS_NOT_SUPPORTED): ask the user to pick another bank that supports it; your code can read available_products with /item/get.",
  },
  PRODUCTS_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["api"],
    remediation: "The user's bank does not support a product the call needs (for Stripe and Dwolla: Auth, the account and routing numbers). Ask the user to pick another bank; check banks first with checkAuthSupport() or findAuthInstitutions(), and create link tokens with products ['auth'] so Link only offers banks that support it. Your code can read an Item's available_products with /item/get.",
  },
  RATE_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["link-add", "api"],
    remediation: "Too many requests (or too many failed login attempts in Link). Back off; a user blocked in Link should retry the following day.",
  },
  SANDBOX_ONLY: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "This endpoint only exists in Sandbox; do not call sandbox helpers against Production.",
  },
  SANDBOX_PRODUCT_NOT_ENABLED: {
    type: "SANDBOX_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "The Sandbox Item was not created with the product this webhook or call needs; create it with that product in initial_products.",
  },
  SANDBOX_WEBHOOK_INVALID: {
    type: "SANDBOX_ERROR",
    category: "client_action",
    when: ["api"],
    remediation: "The Sandbox webhook could not be fired; set a webhook URL on the Item first (updateItemWebhook).",
  },
  TRANSACTIONS_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    category: "retryable",
    when: ["api"],
    remediation: "Too many requests to the transactions endpoints. Back off and retry later, and cache results instead of calling it repeatedly for the same access_token.",
  },
  UNAUTHORIZED_ENVIRONMENT: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "Your client_id is not enabled for this environment; request access in the Plaid Dashboard or use Sandbox.",
  },
  UNAUTHORIZED_ROUTE_ACCESS: {
    type: "INVALID_INPUT",
    category: "client_action",
    when: ["api"],
    remediation: "Your client_id has no access to this endpoint; ask Plaid to enable it.",
  },
  UNKNOWN_FIELDS: {
    type: "INVALID_REQUEST",
    category: "client_action",
    when: ["api"],
    remediation: "The request has a field this endpoint does not know; remove it (or upgrade to an API version that supports it).",
  },
  USER_PERMISSION_REVOKED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["api"],
    remediation: "The user revoked access at their bank or via Plaid; remove the Item and ask them to link again if they want to continue.",
  },
  USER_SETUP_REQUIRED: {
    type: "ITEM_ERROR",
    category: "user_action",
    when: ["link-add", "link-update"],
    remediation: "The user must log in to their online banking and complete a pending action (e.g. accept terms), then retry.",
  },
};

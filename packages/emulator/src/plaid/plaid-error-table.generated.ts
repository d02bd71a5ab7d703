// Generated from specs/data/plaid-errors.json by `npm run generate -w @achbridge/specs`. Do not edit:
// change the table and regenerate (a test in specs/ fails when this file and the table disagree).

/** What the emulator answers for one Plaid error code. */
export interface PlaidErrorTableEntry {
  readonly type: string;
  readonly status: number;
  readonly message: string;
  readonly display: string | null;
}

/** Every Plaid error code the emulator can answer with, keyed by code. */
export const PLAID_ERROR_TABLE: Readonly<Record<string, PlaidErrorTableEntry>> = {
  ACCESS_NOT_GRANTED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the user did not grant the permissions required for this product",
    display: null,
  },
  COUNTRY_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "this country is not currently supported",
    display: null,
  },
  INSTITUTION_DOWN: {
    type: "INSTITUTION_ERROR",
    status: 400,
    message: "this institution is not currently responding to this request. please try again soon",
    display: "This financial institution is not currently responding to requests. We apologize for the inconvenience.",
  },
  INSTITUTION_NO_LONGER_SUPPORTED: {
    type: "INSTITUTION_ERROR",
    status: 400,
    message: "this institution is no longer supported",
    display: "This financial institution is no longer supported. We apologize for the inconvenience.",
  },
  INSTITUTION_NOT_AVAILABLE: {
    type: "INSTITUTION_ERROR",
    status: 400,
    message: "this institution is not currently responding to this request. please try again soon",
    display: "This financial institution is not currently responding to requests. We apologize for the inconvenience.",
  },
  INSTITUTION_NOT_RESPONDING: {
    type: "INSTITUTION_ERROR",
    status: 400,
    message: "this institution is not currently responding to this request. please try again soon",
    display: "This financial institution is not currently responding to requests. We apologize for the inconvenience.",
  },
  INSUFFICIENT_CREDENTIALS: {
    type: "ITEM_ERROR",
    status: 400,
    message: "insufficient authorization was provided to complete the request",
    display: null,
  },
  INTERNAL_SERVER_ERROR: {
    type: "API_ERROR",
    status: 500,
    message: "an unexpected error occurred",
    display: "Oops, an unexpected error occurred. Please try again later.",
  },
  INVALID_ACCESS_TOKEN: {
    type: "INVALID_INPUT",
    status: 400,
    message: "could not find matching access token",
    display: null,
  },
  INVALID_ACCOUNT_ID: {
    type: "INVALID_INPUT",
    status: 400,
    message: "one or more of the account IDs is invalid",
    display: null,
  },
  INVALID_API_KEYS: {
    type: "INVALID_INPUT",
    status: 400,
    message: "invalid client_id or secret provided",
    display: null,
  },
  INVALID_BODY: {
    type: "INVALID_REQUEST",
    status: 400,
    message: "body could not be parsed as JSON",
    display: null,
  },
  INVALID_CREDENTIALS: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the provided credentials were not correct",
    display: "The provided credentials were not correct. Please try again.",
  },
  INVALID_FIELD: {
    type: "INVALID_REQUEST",
    status: 400,
    message: "one or more of the request fields are invalid",
    display: null,
  },
  INVALID_HEADERS: {
    type: "INVALID_REQUEST",
    status: 400,
    message: "the request headers are invalid",
    display: null,
  },
  INVALID_INSTITUTION: {
    type: "INVALID_INPUT",
    status: 400,
    message: "invalid institution_id provided",
    display: null,
  },
  INVALID_MFA: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the provided MFA response(s) were not correct",
    display: "The provided MFA responses were not correct. Please try again.",
  },
  INVALID_PUBLIC_TOKEN: {
    type: "INVALID_INPUT",
    status: 400,
    message: "could not find matching public token",
    display: null,
  },
  INVALID_SEND_METHOD: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the provided MFA send_method was invalid",
    display: null,
  },
  INVALID_WEBHOOK_VERIFICATION_KEY_ID: {
    type: "INVALID_INPUT",
    status: 400,
    message: "invalid key_id provided. note that key_ids are specific to Plaid environments, and verification requests must be made to the same environment that the webhook was sent from",
    display: null,
  },
  ITEM_LOCKED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the account is locked. prompt the user to visit the institution's site and unlock their account",
    display: "The given credentials belong to a locked account. Please reset your credentials at your institution's website.",
  },
  ITEM_LOGIN_REQUIRED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
    display: null,
  },
  ITEM_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "this account is currently not supported",
    display: "The given account is not currently supported for this financial institution. We apologize for the inconvenience.",
  },
  MFA_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "this account requires a MFA type that we do not currently support. we apologize for the inconvenience",
    display: "The multi-factor security features enabled on this account are not currently supported for this financial institution.",
  },
  MISSING_FIELDS: {
    type: "INVALID_REQUEST",
    status: 400,
    message: "the following required fields are missing",
    display: null,
  },
  NO_ACCOUNTS: {
    type: "ITEM_ERROR",
    status: 400,
    message: "no valid accounts were found for this item",
    display: "No valid accounts were found at the financial institution. Please visit your financial institution's website to confirm accounts are available.",
  },
  NO_AUTH_ACCOUNTS: {
    type: "ITEM_ERROR",
    status: 400,
    message: "There are no valid checking or savings account(s) associated with this Item. See https://plaid.com/docs/api/products/auth for more information.",
    display: "No valid accounts were found at the financial institution. Please visit your financial institution's website to confirm accounts are available.",
  },
  NOT_FOUND: {
    type: "INVALID_REQUEST",
    status: 404,
    message: "not found",
    display: null,
  },
  PLANNED_MAINTENANCE: {
    type: "API_ERROR",
    status: 503,
    message: "the Plaid API is temporarily unavailable due to planned maintenance. visit https://status.plaid.com/ for more information",
    display: null,
  },
  PRODUCT_NOT_READY: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the requested product is not yet ready. please provide a webhook or try the request again later",
    display: null,
  },
  PRODUCTS_NOT_SUPPORTED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the following products are not supported by this institution",
    display: null,
  },
  RATE_LIMIT: {
    type: "RATE_LIMIT_EXCEEDED",
    status: 429,
    message: "rate limit exceeded. please try again later",
    display: null,
  },
  SANDBOX_PRODUCT_NOT_ENABLED: {
    type: "SANDBOX_ERROR",
    status: 400,
    message: "The requested product is not enabled on this item",
    display: null,
  },
  SANDBOX_WEBHOOK_INVALID: {
    type: "SANDBOX_ERROR",
    status: 400,
    message: "Webhook for this item is either not set up, or invalid. Please update the item's webhook and try again.",
    display: null,
  },
  UNKNOWN_FIELDS: {
    type: "INVALID_REQUEST",
    status: 400,
    message: "the following fields are not recognized by this endpoint",
    display: null,
  },
  USER_PERMISSION_REVOKED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the holder of this account has revoked their permission for your application to access it",
    display: null,
  },
  USER_SETUP_REQUIRED: {
    type: "ITEM_ERROR",
    status: 400,
    message: "the account has not been fully set up. prompt the user to visit the issuing institution's site and finish the setup process",
    display: "The given account requires additional setup. Please visit your financial institution's website to finish setting up your account.",
  },
};

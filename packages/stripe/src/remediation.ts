import { NO_SUCH_TOKEN_EXPLANATION } from './mode-guard.js';

const RELINK =
  'Ask the customer to link a different (or the same, re-authenticated) account with Plaid Link, then call link() again.';

const BY_STATUS: Record<number, string> = {
  401: 'The Stripe key is wrong: Stripe did not accept it (missing, mistyped, revoked, expired, or a key of another Stripe account). Copy the secret key again from the Stripe Dashboard (Developers -> API keys) and check which variable or setting it is read from.',
  403: 'The Stripe key is not allowed to do this (a restricted key lacks the permission, or the object belongs to another account). Grant the permission or use another key.',
  429: 'Too many requests to Stripe. Requests are retried with backoff; lower your request rate or concurrency if this persists.',
};

const SERVER_ERROR =
  'Stripe had an internal problem. The request is retried with the same idempotency key; if it persists, check status.stripe.com.';

const MISSING_MANDATE =
  "The bank account has no active ACH debit mandate. Call createMandate() with the customer's acceptance (online: IP address and user agent) for this customer and bank account, then pass its mandateId to createAchPayment() - or pass `acceptance` to createAchPayment() to collect the mandate with the payment.";

const BY_CODE: Record<string, string> = {
  token_already_used:
    'A Stripe bank account token (btok_) is single use. Mint a new one with createBankAccountToken() - link() mints a fresh token on every run - and never store or reuse btoks.',
  idempotency_error:
    'This idempotency key was already used with different parameters in the last 24 hours. Use a new key for a different request, or repeat the original request unchanged.',
  idempotency_key_in_use:
    'Another request with the same idempotency key is still being processed. It is retried automatically; if it persists, do not run the same step concurrently.',
  lock_timeout:
    'The Stripe object is locked by another request. It is retried automatically; avoid concurrent updates to the same customer.',
  rate_limit:
    'Too many requests to Stripe. Requests are retried with backoff; lower your request rate or concurrency if this persists.',
  bank_account_unusable: `The bank account cannot be used for payments (closed, frozen or restricted by the bank). ${RELINK}`,
  bank_account_verification_failed: `Stripe could not verify the bank account. Plaid-linked accounts arrive verified; re-link the account with Plaid (Auth) and attach the new token. ${RELINK}`,
  bank_account_unverified:
    'The bank account is not verified. Plaid-linked accounts arrive verified: attach the bank account through link() (a Plaid btok) instead of entering account numbers by hand.',
  bank_account_declined: `The bank declined the debit. ${RELINK}`,
  bank_account_restricted: `The bank account has restrictions that prevent ACH debits. ${RELINK}`,
  account_closed: `The customer's bank account is closed. ${RELINK}`,
  no_account: `The bank account does not exist at the bank. ${RELINK}`,
  insufficient_funds:
    'The bank account has insufficient funds. Do not retry blindly (ACH failures carry fees): ask the customer to fund the account or use another one, then create a new payment.',
  debit_not_authorized:
    'The customer told their bank the debit was not authorized. Collect a new mandate (createMandate) with the customer present before debiting again.',
  invalid_currency: 'US bank accounts can only be debited in USD. Use currency "usd".',
  payment_intent_mandate_invalid:
    'The mandate is missing, inactive or belongs to another payment method. Create one with createMandate() for this customer and bank account and pass its mandateId.',
  setup_intent_mandate_invalid:
    'The mandate data was rejected. Pass the customer acceptance (online: IP address and user agent; or offline) collected when the customer agreed to the debit.',
  payment_method_types_no_longer_supported:
    'This Stripe API version (2026-09-30.endive or later) only accepts allowed_payment_method_types. achbridge picks the parameter from the API version the Stripe client sends; if the client sends none (account default), pin `apiVersion` on the client or in the adapter settings.',
  amount_too_small: 'The amount is below the minimum Stripe accepts for ACH debits. Increase the amount.',
  amount_too_large:
    'The amount is above the limit for ACH debits on this account. Lower the amount or contact Stripe.',
  api_key_expired:
    'The Stripe API key has expired. Create a new secret or restricted key in the Stripe Dashboard.',
  parameter_missing:
    'A required Stripe parameter is missing; see `param`. This is a bug in the caller or in achbridge - please report it.',
  parameter_invalid_empty: 'A Stripe parameter was empty; see `param`.',
  parameter_unknown:
    'Stripe did not recognise a parameter; see `param`. Your Stripe API version may be older than the one achbridge expects.',
  customer_max_payment_methods:
    'The customer already has the maximum number of payment methods. Remove unused bank accounts before linking another.',
};

const BY_TYPE: Record<string, string> = {
  authentication_error:
    'The Stripe API key is missing, invalid, revoked or expired. Check the key in the Stripe Dashboard (Developers -> API keys).',
  permission_error:
    'The Stripe key is not allowed to do this (a restricted key lacks the permission, or the object belongs to another account). Grant the permission or use another key.',
  rate_limit_error:
    'Too many requests to Stripe. Requests are retried with backoff; lower your request rate or concurrency if this persists.',
  idempotency_error: BY_CODE['idempotency_error'] ?? '',
  api_error: SERVER_ERROR,
  card_error: `The bank or card declined the request. ${RELINK}`,
  invalid_request_error: 'Stripe rejected the request as invalid; see `param` and the Stripe message.',
};

/** The remediation for Stripe's "No such token" answer: the FAQ's explanation. */
export const NO_SUCH_TOKEN_REMEDIATION = `${NO_SUCH_TOKEN_EXPLANATION} Check that the Stripe key's mode matches the Plaid environment (Sandbox -> sk_test_, Production -> sk_live_), that the Stripe account linked in the Plaid Dashboard is the one whose key you use, and mint a new token with createBankAccountToken().`;

/**
 * Advice for a Stripe error, chosen by decline code, then code, then the parameter (a missing mandate), then
 * the HTTP status (Stripe answers a bad key with 401 and type `invalid_request_error`), then the type.
 */
export function stripeRemediation(input: {
  type: string;
  code: string | undefined;
  declineCode: string | undefined;
  message: string;
  param: string | undefined;
  status?: number | undefined;
}): string {
  if (input.code === 'resource_missing') {
    if (/no such token/i.test(input.message)) return NO_SUCH_TOKEN_REMEDIATION;
    const what = input.param ? `\`${input.param}\`` : 'the object';
    return `Stripe cannot find ${what}. Check the id, that the key's mode (test or live) matches the object's, and that you call the Stripe account that owns it.`;
  }
  if (input.declineCode) {
    const byDecline = BY_CODE[input.declineCode];
    if (byDecline) return byDecline;
  }
  if (input.code) {
    const byCode = BY_CODE[input.code];
    if (byCode) return byCode;
  }
  if (
    input.param === 'mandate_data' ||
    input.param === 'mandate' ||
    /\bno active mandate\b/i.test(input.message)
  ) {
    return MISSING_MANDATE;
  }
  if (input.status !== undefined) {
    const byStatus = BY_STATUS[input.status];
    if (byStatus) return byStatus;
    if (input.status >= 500) return SERVER_ERROR;
  }
  return BY_TYPE[input.type] ?? 'Stripe rejected the request; see the Stripe message, code and request id.';
}

/**
 * Advice for a retryable Stripe error that is still failing after every attempt: it says the request was
 * already retried (so "it is retried" would be wrong) and what to do now.
 */
export function exhaustedRetriesRemediation(status: number | undefined, attempts: number): string {
  const answer = status === undefined ? 'an error' : `HTTP ${status}`;
  return `Stripe answered ${answer} on all ${attempts} attempts: achbridge already retried with backoff and the same idempotency key, and gives up now. Wait a few minutes and run the same call again (safe: the idempotency key and link() prevent duplicates); if it keeps failing, check status.stripe.com and contact Stripe support with the request id.`;
}

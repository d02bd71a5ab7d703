export type { StripeAdapterOptions } from './adapter-options.js';
export {
  BANK_ACCOUNT_TOKEN_ENDPOINT,
  type BankAccountTokenResult,
  type CreateBankAccountTokenInput,
  TOKEN_NOT_RETURNED_REMEDIATION,
} from './bank-account-token.js';
export type { StripeCallOptions } from './call-options.js';
export type { StripeRetrySettings } from './call-stripe.js';
export type { CreateAchPaymentInput } from './create-ach-payment.js';
export type { CreateMandateInput, CreateMandateResult } from './create-mandate.js';
export type { StripeBankAccount, StripeCustomerInput, StripeLinkInput, StripeLinkResult } from './link.js';
export type { MandateAcceptance } from './mandate-data.js';
export {
  assertModesMatch,
  NO_SUCH_TOKEN_EXPLANATION,
  type StripeMode,
  stripeModeOfKey,
} from './mode-guard.js';
export {
  achReturnCodeOfStripeFailure,
  STRIPE_ACH_FAILURE_RETURN_CODES,
} from './outcomes/stripe-ach-return-codes.js';
export { STRIPE_OUTCOME_EVENT_TYPES, stripeOutcomeFromEvent } from './outcomes/stripe-outcome-event.js';
export {
  createStripePaymentStatusReader,
  type StripePaymentReader,
  stripePaymentOutcome,
} from './outcomes/stripe-payment-outcome.js';
export {
  type StripeWebhookFailureReason,
  StripeWebhookVerificationError,
} from './outcomes/stripe-webhook-verification-error.js';
export {
  STRIPE_SIGNATURE_HEADER,
  type VerifyStripeWebhookInput,
  verifyStripeWebhook,
} from './outcomes/verify-stripe-webhook.js';
export type { PaymentSummary } from './payment-summary.js';
export { PROCESSOR_TOKEN_API_VERSION, type ProcessorTokenRouteOptions } from './processor-token-route.js';
export { createStripeAdapter, type StripeAdapter } from './stripe-adapter.js';
export type { StripeClientSettings } from './stripe-client.js';
export { StripeApiError, type StripeApiErrorDetails } from './stripe-errors.js';
export { stripeRequirements } from './stripe-requirements.js';

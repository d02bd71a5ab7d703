export {
  createModernTreasuryAdapter,
  type ModernTreasuryAdapter,
  type ModernTreasuryAdapterOptions,
  type ModernTreasuryCallOptions,
} from './mt-adapter.js';
export type {
  CreateAchDebitInput,
  CreateCounterpartyInput,
  CreateModernTreasuryProcessorTokenInput,
  ModernTreasuryLinkInput,
} from './mt-adapter-schemas.js';
export type { ModernTreasuryRetrySettings, ModernTreasurySettings } from './mt-client-settings.js';
export type { ModernTreasuryCounterpartyResult } from './mt-counterparties.js';
export { MODERN_TREASURY_PAIRING_RULE } from './mt-environment-guard.js';
export { MODERN_TREASURY_API_URL, type ModernTreasuryEnvironment } from './mt-environments.js';
export { ModernTreasuryApiError } from './mt-errors.js';
export type { ModernTreasuryLinkResult } from './mt-link.js';
export type {
  ModernTreasuryCounterparty,
  ModernTreasuryExternalAccount,
  ModernTreasuryExternalAccountResult,
  ModernTreasuryInternalAccount,
  ModernTreasuryPaymentOrder,
} from './mt-models.js';
export { MODERN_TREASURY_OUTCOME_STATUS, modernTreasuryPaymentOutcome } from './mt-payment-outcome.js';
export type { ModernTreasuryPlaidClient } from './mt-plaid-client.js';
export { MODERN_TREASURY_PLAID_PROCESSOR } from './mt-processor-token.js';
export { modernTreasuryRequirements } from './mt-requirements.js';

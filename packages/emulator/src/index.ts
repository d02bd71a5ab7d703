export {
  type ClockView,
  type ControlPublicToken,
  type ControlWebhookKey,
  type ControlWebhookKeyRotation,
  type ControlWebhookKeys,
  createControlClient,
  type EmulatorControlClient,
  type EmulatorState,
} from './control/control-client.js';
export { EmulatorControlError, EmulatorInputError } from './emulator-errors.js';
export {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_TUNING,
  type StartEmulatorOptions,
} from './emulator-options.js';
export {
  type EmulatorClientSettings,
  type EmulatorDwollaSettings,
  type EmulatorEndpoints,
  type EmulatorModernTreasurySettings,
  type EmulatorPlaidSettings,
  type EmulatorStripeSettings,
  emulatorSettings,
} from './emulator-settings.js';
export { FAULT_KINDS, type FaultKind, type FaultRule, type FaultSpec } from './faults.js';
export type {
  ClaimResult,
  MintedToken,
  TokenBridge,
  TokenKindDeclaration,
} from './kernel/token-bridge.js';
export {
  MODERN_TREASURY_CREDENTIALS,
  type ModernTreasuryCredentials,
} from './modern-treasury/mt-credentials.js';
export { MT_PAYMENT_TIMELINE } from './modern-treasury/mt-payment-lifecycle.js';
export { SANDBOX_INTERNAL_ACCOUNT_ID } from './modern-treasury/mt-state.js';
export { type RunningEmulator, startEmulator } from './start-emulator.js';
export {
  type BankAccountDetails,
  DEFAULT_CREDENTIALS,
  type EmulatorClock,
  type EmulatorCredentials,
  type EmulatorRequest,
  type EmulatorResponse,
  type EmulatorTuning,
  type FaultErrorOptions,
  type MintedBankAccountToken,
  type MintedProcessorToken,
  type ModuleContext,
  type ProviderBridge,
  type ProviderModule,
  type WebhookAttemptOutcome,
  type WebhookAttemptView,
  type WebhookDeliveryView,
} from './types.js';

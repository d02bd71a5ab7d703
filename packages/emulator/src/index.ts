export {
  type ClockView,
  type ControlPublicToken,
  type ControlWebhookKey,
  type ControlWebhookKeyRotation,
  type ControlWebhookKeys,
  createControlClient,
  type EmulatorControlClient,
  type EmulatorState,
} from './control-client.js';
export { EmulatorControlError, EmulatorInputError } from './emulator-errors.js';
export {
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_TUNING,
  type StartEmulatorOptions,
} from './emulator-options.js';
export { FAULT_KINDS, type FaultKind, type FaultRule, type FaultSpec } from './faults.js';
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

import type { ModuleContext } from '../types.js';
import type { StripeModuleOptions } from './stripe-context.js';

/** Thrown by `createStripeModule` when its context or options are malformed; names the offending field. */
export class StripeModuleInputError extends TypeError {
  /** Dotted path of the invalid field, e.g. `context.credentials.stripe.secretKey`. */
  readonly field: string;

  constructor(field: string, expectation: string) {
    super(`createStripeModule: ${field} must be ${expectation}.`);
    this.name = 'StripeModuleInputError';
    this.field = field;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function requireFunction(owner: unknown, key: string, field: string): void {
  if (!isRecord(owner) || typeof owner[key] !== 'function')
    throw new StripeModuleInputError(field, 'a function');
}

/**
 * Checks the module context and options by hand (the emulator has no runtime dependencies, so no zod):
 * clock functions, the bridge's token map, distinct non-empty Stripe keys and a non-negative delay.
 */
export function validateStripeModuleInput(context: unknown, options: Partial<StripeModuleOptions>): void {
  if (!isRecord(context)) throw new StripeModuleInputError('context', 'an object');
  const clock = context['clock'];
  requireFunction(clock, 'now', 'context.clock.now');
  const bridge = context['bridge'];
  if (!isRecord(bridge) || !(bridge['stripeBankAccountTokens'] instanceof Map)) {
    throw new StripeModuleInputError('context.bridge.stripeBankAccountTokens', 'a Map');
  }
  const credentials = (context as Partial<ModuleContext>).credentials;
  const stripe = isRecord(credentials) ? credentials.stripe : undefined;
  if (!isRecord(stripe)) throw new StripeModuleInputError('context.credentials.stripe', 'an object');
  for (const key of ['secretKey', 'liveSecretKey'] as const) {
    const value = stripe[key];
    if (typeof value !== 'string' || value.length === 0) {
      throw new StripeModuleInputError(`context.credentials.stripe.${key}`, 'a non-empty string');
    }
  }
  if (stripe.secretKey === stripe.liveSecretKey) {
    throw new StripeModuleInputError('context.credentials.stripe.liveSecretKey', 'different from secretKey');
  }
  const delay = options.settlementDelayMs;
  if (delay !== undefined && (!Number.isFinite(delay) || delay < 0)) {
    throw new StripeModuleInputError('options.settlementDelayMs', 'a finite number >= 0');
  }
}

import { EmulatorInputError } from '../emulator-errors.js';
import type { ModuleContext } from '../types.js';
import { isStripeVersion } from './stripe-api-version.js';
import type { StripeModuleOptions } from './stripe-context.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function requireFunction(owner: unknown, key: string, field: string): void {
  if (!isRecord(owner) || typeof owner[key] !== 'function')
    throw new EmulatorInputError(field, 'must be a function');
}

/**
 * Checks the module context and options by hand (the emulator has no runtime dependencies, so no zod):
 * clock functions, the token bridge, distinct non-empty Stripe keys, a non-negative delay and a
 * well-formed default API version.
 */
export function validateStripeModuleInput(context: unknown, options: Partial<StripeModuleOptions>): void {
  if (!isRecord(context)) throw new EmulatorInputError('context', 'must be an object');
  const clock = context['clock'];
  requireFunction(clock, 'now', 'context.clock.now');
  const bridge = context['bridge'];
  requireFunction(bridge, 'declare', 'context.bridge.declare');
  requireFunction(bridge, 'peek', 'context.bridge.peek');
  const credentials = (context as Partial<ModuleContext>).credentials;
  const stripe = isRecord(credentials) ? credentials.stripe : undefined;
  if (!isRecord(stripe)) throw new EmulatorInputError('context.credentials.stripe', 'must be an object');
  for (const key of ['secretKey', 'liveSecretKey'] as const) {
    const value = stripe[key];
    if (typeof value !== 'string' || value.length === 0) {
      throw new EmulatorInputError(`context.credentials.stripe.${key}`, 'must be a non-empty string');
    }
  }
  if (stripe.secretKey === stripe.liveSecretKey) {
    throw new EmulatorInputError(
      'context.credentials.stripe.liveSecretKey',
      'must be different from secretKey',
    );
  }
  const delay = options.settlementDelayMs;
  if (delay !== undefined && (!Number.isFinite(delay) || delay < 0)) {
    throw new EmulatorInputError('options.settlementDelayMs', 'must be a finite number >= 0');
  }
  const processor = options.plaidProcessor;
  if (processor !== undefined && processor !== null && (typeof processor !== 'string' || processor === '')) {
    throw new EmulatorInputError('options.plaidProcessor', 'must be a non-empty string or null');
  }
  const version = options.accountApiVersion;
  if (version !== undefined && (typeof version !== 'string' || !isStripeVersion(version))) {
    throw new EmulatorInputError(
      'options.accountApiVersion',
      'must be a Stripe API version such as 2026-09-30.endive',
    );
  }
}

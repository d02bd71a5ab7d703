import type { ModuleContext } from '../types.js';

/** Thrown by `createDwollaModule` when its context is unusable; `field` names the bad setting. */
export class DwollaModuleConfigError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'DwollaModuleConfigError';
    this.field = field;
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Checks the parts of the module context the Dwolla module relies on (never prints secret values). */
export function assertDwollaContext(context: ModuleContext): void {
  const ttl = context?.options?.dwollaTokenTtlSeconds;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl <= 0) {
    throw new DwollaModuleConfigError(
      'options.dwollaTokenTtlSeconds',
      'must be a positive whole number of seconds',
    );
  }
  if (!nonEmptyString(context.credentials?.dwolla?.key)) {
    throw new DwollaModuleConfigError('credentials.dwolla.key', 'must be a non-empty string');
  }
  if (!nonEmptyString(context.credentials.dwolla.secret)) {
    throw new DwollaModuleConfigError('credentials.dwolla.secret', 'must be a non-empty string');
  }
  if (typeof context.clock?.now !== 'function') {
    throw new DwollaModuleConfigError('clock', 'must provide now()');
  }
  if (typeof context.bridge?.peek !== 'function' || typeof context.bridge.declare !== 'function') {
    throw new DwollaModuleConfigError('bridge', 'must be a token bridge (declare, peek)');
  }
}

import { ConfigError } from './errors.js';

const TOKEN_ENVIRONMENT = /^(?:public|access|processor)-(sandbox|development|production)-/;

/** The environment a Plaid token names (`processor-sandbox-…` → `sandbox`), or undefined for another shape. */
export function plaidTokenEnvironment(token: string): string | undefined {
  return TOKEN_ENVIRONMENT.exec(token)?.[1];
}

/** How a processor's environment-pairing guard words its refusal. */
export interface EnvironmentPairingGuardSettings {
  /** The `ConfigError` code of a mismatch, e.g. `DWOLLA_ENVIRONMENT_MISMATCH`. */
  code: string;
  /** The pairing rule, quoted in every refusal. */
  rule: string;
  /** The processor side of the sentence, e.g. `the Dwolla client talks to Dwolla sandbox`. */
  processorSide: (processorEnvironment: string) => string;
  /** What to do about a mismatch, appended after the rule. */
  advice: (plaidEnvironment: string, processorEnvironment: string) => string;
}

/** What one pairing check is given. */
export interface EnvironmentPairingCheck {
  /** The public function doing the check, for the message. */
  operation: string;
  /** The processor client's environment (`sandbox` or `production`). */
  processorEnvironment: string;
  /** The Plaid client's environment, when a Plaid client is involved. */
  plaidEnvironment?: string | undefined;
  /** Plaid tokens in the input (`field` names the input field). */
  tokens?: readonly { field: string; value: string }[] | undefined;
}

/**
 * Creates a processor's environment-pairing guard: it refuses, before any network call, a Plaid client or a
 * Plaid token whose environment is not the processor's (Sandbox ↔ Sandbox, Production ↔ Production), with a
 * `ConfigError` that quotes the rule; token values never reach the message.
 */
export function createEnvironmentPairingGuard(
  settings: EnvironmentPairingGuardSettings,
): (check: EnvironmentPairingCheck) => void {
  const mismatch = (operation: string, what: string, plaid: string, processor: string): ConfigError =>
    new ConfigError(
      `${operation}: ${what} Plaid ${plaid}, but ${settings.processorSide(processor)}. ${settings.rule}` +
        settings.advice(plaid, processor),
      { code: settings.code },
    );
  return (check) => {
    const { operation, processorEnvironment } = check;
    if (check.plaidEnvironment !== undefined && check.plaidEnvironment !== processorEnvironment) {
      throw mismatch(operation, 'the Plaid client talks to', check.plaidEnvironment, processorEnvironment);
    }
    for (const token of check.tokens ?? []) {
      const environment = plaidTokenEnvironment(token.value);
      if (environment !== undefined && environment !== processorEnvironment) {
        throw mismatch(operation, `\`${token.field}\` was issued by`, environment, processorEnvironment);
      }
    }
  };
}

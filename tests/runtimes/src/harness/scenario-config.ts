import type { RunningEmulator } from '@achbridge/emulator';
import type { ScenarioConfig, ScenarioReport } from '../scenario/scenario.ts';

/** The scenario's config for one run against a started emulator. */
export function scenarioConfig(emulator: RunningEmulator, runId: string): ScenarioConfig {
  return {
    runId,
    emulatorUrl: emulator.url,
    plaid: emulator.plaid,
    stripe: {
      baseUrl: `${emulator.stripe.protocol}://${emulator.stripe.host}:${emulator.stripe.port}`,
      secretKey: emulator.stripe.secretKey,
    },
    dwolla: emulator.dwolla,
  };
}

/** Every secret of a run: none may appear in any serialization of the typed error. */
export function secretsOf(config: ScenarioConfig): string[] {
  return [config.plaid.secret, config.stripe.secretKey, config.dwolla.secret, `wrong-secret-${config.runId}`];
}

/** Narrows the JSON a runtime printed to the report shape (the test then checks each field). */
export function asReport(value: unknown): ScenarioReport {
  if (typeof value !== 'object' || value === null || !('stripe' in value) || !('dwolla' in value)) {
    throw new Error(`not a scenario report: ${JSON.stringify(value)}`);
  }
  return value as ScenarioReport;
}

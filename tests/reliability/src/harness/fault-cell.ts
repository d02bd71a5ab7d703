import type { RunningEmulator } from '@achbridge/emulator';
import { createCaptureLogger } from './capture-logger.js';
import { startSuiteEmulator } from './credentials.js';
import { createDwollaKit, prepareDwollaFixture, runDwollaFlow } from './dwolla-flow.js';
import { renderError } from './error-renderings.js';
import { FAULTS, type FaultMode, type FaultName, type FlowStep, PERSISTENT_TIMES } from './fault-catalog.js';
import {
  createModernTreasuryKit,
  prepareModernTreasuryFixture,
  runModernTreasuryFlow,
} from './modern-treasury-flow.js';
import { countResources, type ResourceCounts } from './resource-counts.js';
import { createSecretVault, type SecretLeak } from './secret-vault.js';
import { type ErrorSummary, type Settled, settle, summarizeError } from './settle.js';
import { collectStripeClientSecrets } from './stripe-client-secrets.js';
import { createSetupPlaid, createStripeKit, prepareStripeFixture, runStripeFlow } from './stripe-flow.js';

/** One cell of the fault matrix. */
export interface FaultCell {
  step: FlowStep;
  fault: FaultName;
  mode: FaultMode;
}

/** How one run of the flow ended. */
export interface RunOutcome {
  outcome: 'success' | 'typed-error' | 'untyped-error' | 'hang';
  error?: ErrorSummary;
}

/** Everything a cell observed. */
export interface FaultCellResult {
  flow: FlowStep['flow'];
  step: string;
  fault: FaultName;
  mode: FaultMode;
  /** The flow with the fault active. */
  first: RunOutcome;
  /** How many requests the fault was applied to. */
  faultApplied: number;
  /** Objects right after the faulted run. */
  afterFirst: ResourceCounts;
  /** The same flow re-run (same process, same inputs) after the fault is cleared. */
  rerun: RunOutcome;
  /** Objects after the re-run. */
  afterRerun: ResourceCounts;
  /** Secrets found in log lines or error renderings (must stay empty). */
  leaks: SecretLeak[];
  /** Log lines and error renderings searched. */
  textsSearched: number;
  durationMs: number;
}

/** Far above any legitimate run (3 attempts × 300 ms timeout, or 2 × 1 s Retry-After); a hang guard only. */
const HANG_DEADLINE_MS = 15_000;

function toOutcome(settled: Settled<unknown>): RunOutcome {
  if (settled.kind === 'success') return { outcome: 'success' };
  if (settled.kind === 'hang') return { outcome: 'hang' };
  const error = summarizeError(settled.error);
  return { outcome: error.typed ? 'typed-error' : 'untyped-error', error };
}

async function faultApplications(emulator: RunningEmulator, id: string, times: number): Promise<number> {
  const rule = (await emulator.control.faults()).find((fault) => fault.id === id);
  // A fault whose applications ran out is removed from the list.
  return rule === undefined ? times : rule.applied;
}

/**
 * Runs one cell on its own emulator: prepares a Sandbox Item, registers the fault on the step, runs the
 * whole flow, clears the fault and re-runs the flow, then collects state, log lines and error renderings.
 */
export async function runFaultCell(cell: FaultCell): Promise<FaultCellResult> {
  const started = Date.now();
  const emulator = await startSuiteEmulator();
  try {
    const vault = createSecretVault();
    const logger = createCaptureLogger();
    const setup = createSetupPlaid(emulator, vault);
    const email = `cell-${cell.step.flow}-${cell.step.name.replaceAll(' ', '-')}-${cell.fault}-${cell.mode}@example.com`;
    const errors: unknown[] = [];
    let run: () => Promise<unknown>;
    if (cell.step.flow === 'stripe') {
      const fixture = await prepareStripeFixture(emulator, setup, email);
      const kit = createStripeKit(emulator, { vault, logger });
      run = () => runStripeFlow(kit, fixture);
    } else if (cell.step.flow === 'modern_treasury') {
      const fixture = await prepareModernTreasuryFixture(emulator, setup, email);
      const kit = createModernTreasuryKit(emulator, { vault, logger });
      run = () => runModernTreasuryFlow(kit, fixture);
    } else {
      const fixture = await prepareDwollaFixture(emulator, setup, email);
      const kit = createDwollaKit(emulator, { vault, logger });
      run = () => runDwollaFlow(kit, fixture);
    }
    const spec = FAULTS.find((fault) => fault.name === cell.fault)?.spec;
    if (!spec) throw new Error(`unknown fault ${cell.fault}`);
    const times = cell.mode === 'transient' ? 1 : PERSISTENT_TIMES;
    const rule = await emulator.control.addFault({
      ...spec,
      method: cell.step.method,
      path: cell.step.path,
      times,
    });
    const firstSettled = await settle(run(), HANG_DEADLINE_MS);
    if (firstSettled.kind === 'error') errors.push(firstSettled.error);
    const faultApplied = await faultApplications(emulator, rule.id, times);
    await emulator.control.clearFaults();
    const afterFirst = countResources(await emulator.control.state());
    const rerunSettled = await settle(run(), HANG_DEADLINE_MS);
    if (rerunSettled.kind === 'error') errors.push(rerunSettled.error);
    const state = await emulator.control.state();
    if (cell.step.flow === 'stripe') {
      for (const secret of await collectStripeClientSecrets(emulator, state))
        vault.add('Stripe client secret', secret);
    }
    const texts = [
      ...logger.lines.map((text, index) => ({ where: `log line ${index}`, text })),
      ...errors.flatMap((error, index) => renderError(error, `error ${index}`)),
    ];
    return {
      flow: cell.step.flow,
      step: cell.step.name,
      fault: cell.fault,
      mode: cell.mode,
      first: toOutcome(firstSettled),
      faultApplied,
      afterFirst,
      rerun: toOutcome(rerunSettled),
      afterRerun: countResources(state),
      leaks: vault.findLeaks(texts),
      textsSearched: texts.length,
      durationMs: Date.now() - started,
    };
  } finally {
    await emulator.close();
  }
}

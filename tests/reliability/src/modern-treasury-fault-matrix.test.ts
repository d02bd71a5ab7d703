import { afterAll, describe, expect, it } from 'vitest';
import { FAULTS, type FaultMode, MODERN_TREASURY_STEPS } from './harness/fault-catalog.js';
import { type FaultCellResult, runFaultCell } from './harness/fault-cell.js';
import { expectCellGuarantees } from './harness/matrix-expectations.js';
import { formatMatrixTable, writeMatrixArtifact } from './harness/matrix-report.js';
import { watchUnhandledRejections } from './harness/unhandled-rejections.js';

const MODES: readonly FaultMode[] = ['transient', 'persistent'];
const cells = MODERN_TREASURY_STEPS.flatMap((step) =>
  FAULTS.flatMap((fault) => MODES.map((mode) => ({ step, fault: fault.name, mode }))),
);
const results: FaultCellResult[] = [];
const rejections = watchUnhandledRejections();

describe.concurrent('Modern Treasury flow fault matrix (every network step × every fault, each cell on its own emulator)', () => {
  it.each(cells)('$step.name × $fault ($mode)', async (cell) => {
    const result = await runFaultCell(cell);
    results.push(result);
    expectCellGuarantees(result);
  });
});

afterAll(() => {
  rejections.stop();
  const ordered = cells
    .map((cell) =>
      results.find((r) => r.step === cell.step.name && r.fault === cell.fault && r.mode === cell.mode),
    )
    .filter((result): result is FaultCellResult => result !== undefined);
  const path = writeMatrixArtifact('modern-treasury', ordered);
  console.log(
    `Modern Treasury fault matrix (${ordered.length} cells, written to ${path}):\n${formatMatrixTable(ordered)}`,
  );
  expect(rejections.reasons, 'unhandled promise rejections during the matrix').toEqual([]);
});

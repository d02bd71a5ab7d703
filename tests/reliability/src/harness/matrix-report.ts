import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultCellResult, RunOutcome } from './fault-cell.js';

/** The repository's `artifacts/` folder (git-ignored), where CI collects reports. */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../../artifacts/', import.meta.url));

function describeOutcome(run: RunOutcome): string {
  if (run.outcome === 'success') return 'success';
  if (run.outcome === 'hang') return 'HANG';
  const error = run.error;
  const base = `${error?.name ?? 'Error'}(${error?.code ?? '?'})`;
  return run.outcome === 'untyped-error' ? `UNTYPED ${base}` : base;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The matrix as a fixed-width text table: one row per cell. */
export function formatMatrixTable(results: readonly FaultCellResult[]): string {
  const header = ['flow', 'step', 'fault', 'mode', 'hits', 'faulted run', 're-run', 'dupes', 'ms'];
  const rows = results.map((result) => [
    result.flow,
    result.step,
    result.fault,
    result.mode,
    String(result.faultApplied),
    describeOutcome(result.first),
    describeOutcome(result.rerun),
    String(
      Math.max(
        result.afterRerun.stripeBankAccountsPerKey,
        result.afterRerun.dwollaFundingSourcesPerKey,
        result.afterRerun.stripeCustomersPerEmail,
        result.afterRerun.dwollaCustomersPerEmail,
      ),
    ),
    String(result.durationMs),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells.map((cell, column) => pad(cell, widths[column] ?? 0)).join(' | ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/**
 * Writes this flow's cells to `artifacts/fault-matrix/<flow>.json`, then merges every flow's part into
 * `artifacts/fault-matrix.json` (each writer merges after writing its own part, so the last merge has all).
 */
export function writeMatrixArtifact(flow: string, results: readonly FaultCellResult[]): string {
  const partsDir = join(ARTIFACTS_DIR, 'fault-matrix');
  mkdirSync(partsDir, { recursive: true });
  const part = { flow, generatedAt: new Date().toISOString(), cells: results };
  writeAtomically(join(partsDir, `${flow}.json`), `${JSON.stringify(part, null, 2)}\n`);
  const flows = readdirSync(partsDir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(partsDir, name), 'utf8')) as unknown);
  const merged = join(ARTIFACTS_DIR, 'fault-matrix.json');
  writeAtomically(merged, `${JSON.stringify({ flows }, null, 2)}\n`);
  return merged;
}

import { expect } from 'vitest';
import type { FaultCellResult, RunOutcome } from './fault-cell.js';

/** Cells whose re-run cannot succeed: the lost exchange consumed the single-use public token. */
export function isUnrecoverableCell(result: Pick<FaultCellResult, 'step' | 'fault'>): boolean {
  return result.step === 'plaid exchange' && result.fault === 'lost-response';
}

function expectSuccessOrTypedError(run: RunOutcome, label: string): void {
  expect(['success', 'typed-error'], `${label}: ${JSON.stringify(run.error)}`).toContain(run.outcome);
  if (run.outcome === 'typed-error') {
    expect(
      run.error?.remediation,
      `${label}: ${run.error?.name} ${run.error?.code} has no remediation`,
    ).toBeTypeOf('string');
  }
}

/**
 * The guarantees every cell must show: the faulted run succeeds or fails with a typed error carrying a
 * remediation (never a hang or an untyped error); no duplicate objects at any point; the re-run after the
 * fault converges to exactly one bank account / funding source (except when the public token was
 * consumed by a lost exchange, which must say so); nothing secret in logs or errors.
 */
export function expectCellGuarantees(result: FaultCellResult): void {
  const label = `${result.flow} / ${result.step} / ${result.fault} / ${result.mode}`;
  expect(result.faultApplied, `${label}: the fault never fired`).toBeGreaterThanOrEqual(1);
  expectSuccessOrTypedError(result.first, `${label} (faulted run)`);
  expectSuccessOrTypedError(result.rerun, `${label} (re-run)`);
  for (const counts of [result.afterFirst, result.afterRerun]) {
    expect(counts.stripeBankAccountsPerKey, `${label}: duplicate Stripe bank account`).toBeLessThanOrEqual(1);
    expect(counts.stripeCustomersPerEmail, `${label}: duplicate Stripe customer`).toBeLessThanOrEqual(1);
    expect(counts.stripeSetupIntentsPerKey, `${label}: duplicate mandate`).toBeLessThanOrEqual(1);
    expect(counts.stripePaymentIntents, `${label}: duplicate payment`).toBeLessThanOrEqual(1);
    expect(counts.dwollaFundingSourcesPerKey, `${label}: duplicate funding source`).toBeLessThanOrEqual(1);
    expect(counts.dwollaCustomersPerEmail, `${label}: duplicate Dwolla customer`).toBeLessThanOrEqual(1);
    expect(counts.mtExternalAccountsPerKey, `${label}: duplicate external account`).toBeLessThanOrEqual(1);
    expect(counts.mtCounterpartiesPerKey, `${label}: duplicate counterparty`).toBeLessThanOrEqual(1);
    expect(counts.mtPaymentOrders, `${label}: duplicate payment order`).toBeLessThanOrEqual(1);
  }
  if (isUnrecoverableCell(result)) {
    if (result.mode === 'transient') {
      // The retry after the lost answer is refused; the error must say the lost attempt consumed the token.
      expect(result.first.error?.code, label).toBe('INVALID_PUBLIC_TOKEN');
      expect(result.first.error?.remediation, label).toContain('consumed the single-use public token');
    }
    expect(result.rerun.outcome, label).toBe('typed-error');
    expect(result.rerun.error?.code, label).toBe('INVALID_PUBLIC_TOKEN');
  } else {
    expect(result.rerun.outcome, `${label}: re-run ${JSON.stringify(result.rerun.error)}`).toBe('success');
    if (result.flow === 'stripe') {
      expect(result.afterRerun.stripeBankAccounts, label).toBe(1);
      expect(result.afterRerun.stripePaymentIntents, label).toBe(1);
    } else if (result.flow === 'modern_treasury') {
      expect(result.afterRerun.mtExternalAccounts, label).toBe(1);
      expect(result.afterRerun.mtPaymentOrders, label).toBe(1);
    } else {
      expect(result.afterRerun.dwollaFundingSources, label).toBe(1);
    }
  }
  expect(result.leaks, `${label}: secrets leaked`).toEqual([]);
}

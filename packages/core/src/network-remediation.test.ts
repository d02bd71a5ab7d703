import { describe, expect, it } from 'vitest';
import { NetworkError, type NetworkErrorReason } from './errors.js';
import { networkRemediation } from './network-remediation.js';

const REASONS: NetworkErrorReason[] = ['timeout', 'reset', 'aborted', 'unreachable', 'unknown'];

describe('NetworkError remediation', () => {
  it.each(REASONS)('gives every %s error a remediation naming the provider', (reason) => {
    const error = new NetworkError('dwolla', '/token', reason, 'no answer');
    expect(error.remediation).toBe(networkRemediation('dwolla', reason));
    expect(error.remediation).toContain('Dwolla');
    expect(error.toJSON()).toMatchObject({ remediation: error.remediation });
  });

  it('says a timed-out or reset request may have been applied and that a re-run is safe', () => {
    for (const reason of ['timeout', 'reset'] as const) {
      const text = networkRemediation('stripe', reason);
      expect(text).toContain('may or may not have been applied');
      expect(text).toContain('idempotency key');
    }
  });

  it('says nothing was sent when the host was unreachable', () => {
    expect(networkRemediation('plaid', 'unreachable')).toContain('nothing was sent');
  });

  it('says plainly that an exchange aborted after sending needs a new Link session', () => {
    const advice = networkRemediation('plaid', 'aborted', '/item/public_token/exchange');
    expect(advice).toMatch(/must go through Link again/);
    expect(advice).toMatch(/INVALID_PUBLIC_TOKEN/);
    expect(advice).not.toMatch(/Re-running the same achbridge call is safe/);
    expect(networkRemediation('plaid', 'aborted', '/item/get')).not.toMatch(/public token/);
  });
});

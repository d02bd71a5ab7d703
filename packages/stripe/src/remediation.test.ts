import { describe, expect, it } from 'vitest';
import { exhaustedRetriesRemediation, stripeRemediation } from './remediation.js';

const base = { code: undefined, declineCode: undefined, message: 'Stripe said no', param: undefined };

describe('stripeRemediation', () => {
  it('says the key is wrong for HTTP 401, whatever the type (Stripe sends invalid_request_error)', () => {
    const advice = stripeRemediation({ ...base, type: 'invalid_request_error', status: 401 });
    expect(advice).toMatch(/^The Stripe key is wrong/);
    expect(advice).not.toContain('param');
  });

  it('names the missing permission for HTTP 403 and backoff for 429', () => {
    expect(stripeRemediation({ ...base, type: 'invalid_request_error', status: 403 })).toMatch(/not allowed/);
    expect(stripeRemediation({ ...base, type: 'invalid_request_error', status: 429 })).toMatch(
      /Too many requests/,
    );
  });

  it('gives mandate-specific advice when the mandate is missing', () => {
    for (const param of ['mandate_data', 'mandate']) {
      const advice = stripeRemediation({ ...base, type: 'invalid_request_error', status: 400, param });
      expect(advice).toMatch(/^The bank account has no active ACH debit mandate\. Call createMandate\(\)/);
    }
  });

  it('treats any 5xx as a Stripe-side problem, even with an unexpected type', () => {
    expect(stripeRemediation({ ...base, type: 'invalid_request_error', status: 503 })).toMatch(
      /^Stripe had an internal problem/,
    );
  });

  it('keeps code-specific advice ahead of the status (an expired key is still named as such)', () => {
    expect(
      stripeRemediation({ ...base, type: 'invalid_request_error', code: 'api_key_expired', status: 401 }),
    ).toMatch(/has expired/);
  });

  it('falls back to the type when there is no status', () => {
    expect(stripeRemediation({ ...base, type: 'invalid_request_error' })).toMatch(/see `param`/);
  });
});

describe('exhaustedRetriesRemediation', () => {
  it('says the request was already retried, how often, and what to do now', () => {
    const advice = exhaustedRetriesRemediation(500, 3);
    expect(advice).toMatch(/^Stripe answered HTTP 500 on all 3 attempts: achbridge already retried/);
    expect(advice).not.toMatch(/is retried/);
  });
});

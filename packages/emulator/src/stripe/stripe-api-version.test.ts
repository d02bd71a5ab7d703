import { describe, expect, it } from 'vitest';
import {
  isVersionAtLeast,
  PAYMENT_METHOD_TYPES_REMOVED_IN,
  readStripeVersion,
  rejectsPaymentMethodTypes,
} from './stripe-api-version.js';
import { StripeApiError } from './stripe-errors.js';

describe('readStripeVersion', () => {
  it('accepts dated versions with or without a release name; absence means the account default', () => {
    expect(readStripeVersion(undefined, '2026-09-30.endive')).toBe('2026-09-30.endive');
    expect(readStripeVersion('2026-10-28.endive', '2026-09-30.endive')).toBe('2026-10-28.endive');
    expect(readStripeVersion(' 2023-08-16 ', '2026-09-30.endive')).toBe('2023-08-16');
  });

  it('answers a Stripe 400 for anything else', () => {
    for (const value of ['latest', '2026-1-1', '2026-10-28.Endive', '']) {
      expect(() => readStripeVersion(value, '2026-09-30.endive'), value).toThrow(StripeApiError);
    }
  });
});

describe('isVersionAtLeast', () => {
  it('compares release dates', () => {
    expect(isVersionAtLeast('2026-10-28.endive', PAYMENT_METHOD_TYPES_REMOVED_IN)).toBe(true);
    expect(isVersionAtLeast('2026-09-30.endive', PAYMENT_METHOD_TYPES_REMOVED_IN)).toBe(true);
    expect(isVersionAtLeast('2026-08-26.dahlia', PAYMENT_METHOD_TYPES_REMOVED_IN)).toBe(false);
    expect(isVersionAtLeast(undefined, PAYMENT_METHOD_TYPES_REMOVED_IN)).toBe(false);
  });
});

describe('rejectsPaymentMethodTypes', () => {
  it('follows the GA and preview removal dates', () => {
    expect(rejectsPaymentMethodTypes('2026-09-30.endive')).toBe(true);
    expect(rejectsPaymentMethodTypes('2026-08-26.preview')).toBe(true);
    expect(rejectsPaymentMethodTypes('2026-08-26.dahlia')).toBe(false);
    expect(rejectsPaymentMethodTypes('2026-07-29.preview')).toBe(false);
    expect(rejectsPaymentMethodTypes(undefined)).toBe(false);
  });
});

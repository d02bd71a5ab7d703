import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  apiVersionOf,
  requiresAllowedPaymentMethodTypes,
  usBankAccountOnly,
} from './payment-method-types.js';

const withVersion = (version: string) =>
  new Stripe('sk_test_x123456', { apiVersion: version as Stripe.LatestApiVersion });

describe('usBankAccountOnly', () => {
  it('sends allowed_payment_method_types from 2026-09-30.endive on (stripe-node 23 default)', () => {
    expect(usBankAccountOnly(new Stripe('sk_test_x123456'))).toEqual({
      allowed_payment_method_types: ['us_bank_account'],
    });
    expect(usBankAccountOnly(withVersion('2026-09-30.endive'))).toEqual({
      allowed_payment_method_types: ['us_bank_account'],
    });
  });

  it('keeps payment_method_types where Stripe still accepts it', () => {
    const dahlia = withVersion('2026-07-29.dahlia');
    expect(apiVersionOf(dahlia)).toBe('2026-07-29.dahlia');
    expect(usBankAccountOnly(dahlia)).toEqual({ payment_method_types: ['us_bank_account'] });
    expect(usBankAccountOnly(withVersion('2025-03-31.basil'))).toEqual({
      payment_method_types: ['us_bank_account'],
    });
  });

  it('knows the preview that removed payment_method_types early', () => {
    expect(requiresAllowedPaymentMethodTypes('2026-08-26.preview')).toBe(true);
    expect(requiresAllowedPaymentMethodTypes('2026-08-26.dahlia')).toBe(false);
    expect(requiresAllowedPaymentMethodTypes(undefined)).toBe(false);
  });
});

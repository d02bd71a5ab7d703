import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { requiresAllowedPaymentMethodTypes, usBankAccountOnly } from './payment-method-types.js';

describe('usBankAccountOnly', () => {
  it('sends allowed_payment_method_types from 2026-09-30.endive on (stripe-node 23 default)', () => {
    expect(usBankAccountOnly(Stripe.API_VERSION)).toEqual({
      allowed_payment_method_types: ['us_bank_account'],
    });
    expect(usBankAccountOnly('2026-09-30.endive')).toEqual({
      allowed_payment_method_types: ['us_bank_account'],
    });
  });

  it('keeps payment_method_types where Stripe still accepts it', () => {
    expect(usBankAccountOnly('2026-07-29.dahlia')).toEqual({ payment_method_types: ['us_bank_account'] });
    expect(usBankAccountOnly('2025-03-31.basil')).toEqual({ payment_method_types: ['us_bank_account'] });
  });

  it('knows the preview that removed payment_method_types early', () => {
    expect(requiresAllowedPaymentMethodTypes('2026-08-26.preview')).toBe(true);
    expect(requiresAllowedPaymentMethodTypes('2026-08-26.dahlia')).toBe(false);
    expect(requiresAllowedPaymentMethodTypes(undefined)).toBe(false);
  });
});

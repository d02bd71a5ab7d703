import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { achReturnCodeOfStripeFailure } from './stripe-ach-return-codes.js';
import { stripeOutcomeFromEvent } from './stripe-outcome-event.js';

function intentEvent(type: string, object: Record<string, unknown> = {}) {
  return {
    id: 'evt_1',
    object: 'event',
    type,
    created: 1_800_000_000,
    data: { object: { id: 'pi_1', object: 'payment_intent', status: 'processing', ...object } },
  };
}

describe('stripeOutcomeFromEvent', () => {
  it('maps the payment_intent lifecycle', () => {
    expect(stripeOutcomeFromEvent(intentEvent('payment_intent.processing'))).toEqual({
      provider: 'stripe',
      paymentId: 'pi_1',
      status: 'processing',
      providerStatus: 'payment_intent.processing',
      occurredAt: new Date(1_800_000_000_000).toISOString(),
      eventId: 'evt_1',
      source: 'webhook',
    });
    expect(stripeOutcomeFromEvent(intentEvent('payment_intent.succeeded'))?.status).toBe('succeeded');
    expect(stripeOutcomeFromEvent(intentEvent('payment_intent.canceled'))?.status).toBe('cancelled');
  });

  it('a failure carries the R-code of last_payment_error.code, or the blocked network_code when Stripe gives it', () => {
    expect(
      stripeOutcomeFromEvent(
        intentEvent('payment_intent.payment_failed', { last_payment_error: { code: 'insufficient_funds' } }),
      ),
    ).toMatchObject({ status: 'failed', returnCode: 'R01', providerFailureCode: 'insufficient_funds' });
    expect(
      stripeOutcomeFromEvent(
        intentEvent('payment_intent.payment_failed', {
          last_payment_error: {
            code: 'debit_not_authorized',
            payment_method: {
              us_bank_account: { blocked: { network_code: 'R07', reason: 'debit_not_authorized' } },
            },
          },
        }),
      ),
    ).toMatchObject({ returnCode: 'R07', providerFailureCode: 'debit_not_authorized' });
    const unmapped = stripeOutcomeFromEvent(
      intentEvent('payment_intent.payment_failed', { last_payment_error: { code: 'invalid_currency' } }),
    );
    expect(unmapped).toMatchObject({ status: 'failed', providerFailureCode: 'invalid_currency' });
    expect(unmapped?.returnCode).toBeUndefined();
  });

  it('charge.dispute.created is a late unauthorized return of its PaymentIntent', () => {
    const dispute = (paymentIntent: unknown) => ({
      id: 'evt_2',
      type: 'charge.dispute.created',
      created: 1_800_000_100,
      data: {
        object: { id: 'dp_1', object: 'dispute', payment_intent: paymentIntent, reason: 'fraudulent' },
      },
    });
    expect(stripeOutcomeFromEvent(dispute('pi_9'))).toMatchObject({
      paymentId: 'pi_9',
      status: 'failed',
      returnCode: 'R10',
      providerFailureCode: 'dispute:fraudulent',
    });
    expect(stripeOutcomeFromEvent(dispute({ id: 'pi_8' }))?.paymentId).toBe('pi_8');
    expect(stripeOutcomeFromEvent(dispute(null))).toBeUndefined();
  });

  it('ignores other event types and rejects what is not a Stripe event', () => {
    expect(stripeOutcomeFromEvent(intentEvent('payment_intent.requires_action'))).toBeUndefined();
    expect(
      stripeOutcomeFromEvent({ ...intentEvent('customer.created'), data: { object: { id: 'cus_1' } } }),
    ).toBeUndefined();
    expect(() => stripeOutcomeFromEvent({ type: 'payment_intent.succeeded' })).toThrow(InputValidationError);
    expect(() =>
      stripeOutcomeFromEvent({
        ...intentEvent('payment_intent.succeeded'),
        data: { object: { id: 'ch_1', object: 'charge' } },
      }),
    ).toThrow(/object/);
  });

  it('maps Stripe’s documented ACH failure codes', () => {
    expect(
      [
        'insufficient_funds',
        'account_closed',
        'no_account',
        'invalid_account_number',
        'debit_not_authorized',
      ].map(achReturnCodeOfStripeFailure),
    ).toEqual(['R01', 'R02', 'R03', 'R04', 'R10']);
    expect(achReturnCodeOfStripeFailure('card_declined')).toBeUndefined();
    expect(achReturnCodeOfStripeFailure('toString')).toBeUndefined();
    expect(achReturnCodeOfStripeFailure(null)).toBeUndefined();
  });
});

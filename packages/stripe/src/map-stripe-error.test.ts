import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { mapStripeError } from './map-stripe-error.js';
import { StripeApiError } from './stripe-errors.js';

describe('mapStripeError with malformed Stripe error bodies', () => {
  it.each([{}, 42, null, ['a'], ''])('maps an error whose message is %j to a StripeApiError', (message) => {
    const sdkError = new Stripe.errors.StripeInvalidRequestError({
      type: 'invalid_request_error',
      message: message as unknown as string,
      code: 'resource_missing',
    });
    const mapped = mapStripeError(sdkError, 'GET /v1/payment_intents/{intent}');
    expect(StripeApiError.isInstance(mapped)).toBe(true);
    expect(mapped.message).toBe('Stripe GET /v1/payment_intents/{intent}: Stripe returned an error');
    expect(mapped).toMatchObject({ code: 'resource_missing', type: 'invalid_request_error' });
  });
});

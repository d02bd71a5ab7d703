import { describe, expect, it } from 'vitest';
import { decodeStripeForm } from './form-decode.js';
import { StripeApiError } from './stripe-errors.js';

function decode(text: string) {
  return decodeStripeForm(new URLSearchParams(text));
}

describe('decodeStripeForm', () => {
  it('decodes flat and bracket-nested keys', () => {
    expect(
      decode(
        'email=a%40b.co&metadata[order]=42&mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][ip_address]=1.2.3.4',
      ),
    ).toEqual({
      email: 'a@b.co',
      metadata: { order: '42' },
      mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '1.2.3.4' } } },
    });
  });

  it('decodes `[]` lists as arrays and indexed lists as index-keyed hashes', () => {
    expect(decode('expand[]=customer&expand[]=payment_method')).toEqual({
      expand: ['customer', 'payment_method'],
    });
    expect(decode('payment_method_types[0]=us_bank_account')).toEqual({
      payment_method_types: { '0': 'us_bank_account' },
    });
  });

  it('decodes `+` as a space and percent escapes in keys', () => {
    expect(decode('name=Jenny+Rosen&metadata%5Bk%5D=v')).toEqual({
      name: 'Jenny Rosen',
      metadata: { k: 'v' },
    });
  });

  it('answers a Stripe 400 naming the parameter for conflicting shapes', () => {
    for (const text of [
      'metadata=x&metadata[a]=b',
      'metadata[a]=b&metadata=x',
      'a[]=1&a[b]=2',
      'a[b]=1&a[]=2',
    ]) {
      let caught: unknown;
      try {
        decode(text);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(StripeApiError);
      expect((caught as StripeApiError).status).toBe(400);
      expect((caught as StripeApiError).fields.param).toBeTypeOf('string');
    }
  });

  it('rejects malformed bracket names', () => {
    for (const text of ['a[b=1', '[a]=1', 'a]b[=1', 'a[b]c=1']) {
      expect(() => decode(text), text).toThrow(StripeApiError);
    }
  });

  it('keeps the last value of a repeated scalar key', () => {
    expect(decode('name=a&name=b')).toEqual({ name: 'b' });
  });
});

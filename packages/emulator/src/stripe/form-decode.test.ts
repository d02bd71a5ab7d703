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

describe('decodeStripeForm: hostile keys', () => {
  it('keeps __proto__, constructor and prototype as ordinary keys of null-prototype hashes', () => {
    const decoded = decode(
      '__proto__[polluted]=1&metadata[__proto__][x]=2&constructor[prototype][y]=3&metadata[constructor][prototype][z]=4',
    );
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.keys(decoded)).toEqual(['__proto__', 'metadata', 'constructor']);
    const metadata = decoded.metadata as Record<string, unknown>;
    expect(Object.getPrototypeOf(metadata)).toBeNull();
    expect(Object.keys(metadata)).toEqual(['__proto__', 'constructor']);
    const probe: Record<string, unknown> = {};
    expect([probe.polluted, probe.x, probe.y, probe.z]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('refuses keys nested deeper than the limit with a Stripe invalid_request_error', () => {
    expect(() => decode(`a${'[b]'.repeat(19)}=1`)).not.toThrow();
    const deep = () => decode(`metadata${'[a]'.repeat(3000)}=1`);
    expect(deep).toThrow(StripeApiError);
    try {
      deep();
    } catch (error) {
      expect((error as StripeApiError).status).toBe(400);
      expect((error as StripeApiError).fields).toMatchObject({
        type: 'invalid_request_error',
        param: 'metadata',
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { closeObjects, convertNullable, createOpenApiValidator } from './openapi-validator.js';

describe('convertNullable', () => {
  it('adds null to a typed schema, an enum and an anyOf, and wraps a $ref', () => {
    expect(convertNullable({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(convertNullable({ type: 'string', enum: ['a'], nullable: true })).toEqual({
      type: ['string', 'null'],
      enum: ['a', null],
    });
    expect(convertNullable({ anyOf: [{ type: 'string' }], nullable: true })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
    expect(convertNullable({ $ref: '#/x', nullable: true })).toEqual({
      anyOf: [{ $ref: '#/x' }, { type: 'null' }],
    });
  });
});

describe('closeObjects', () => {
  it('closes schemas with properties, but not a property that happens to be named properties', () => {
    const closed = closeObjects({
      type: 'object',
      properties: { properties: { type: 'string' }, inner: { type: 'object', properties: {} } },
    });
    expect(closed).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        properties: { type: 'string' },
        inner: { type: 'object', properties: {}, additionalProperties: false },
      },
    });
  });
});

describe('createOpenApiValidator', () => {
  const plaid = createOpenApiValidator('plaid');
  const dwolla = createOpenApiValidator('dwolla');
  const stripe = createOpenApiValidator('stripe');

  it('checks Plaid requests with unknown fields refused and answers against 200 or default', () => {
    expect(plaid.requestErrors('post', '/item/get', { access_token: 'access-sandbox-x' })).toBeUndefined();
    expect(plaid.requestErrors('post', '/item/get', { access_token: 'a', extra: 1 })).toMatch(/additional/);
    expect(plaid.responseErrors('post', '/item/remove', 200, { request_id: 'r' })).toBeUndefined();
    expect(plaid.responseErrors('post', '/item/remove', 400, { error_type: 'NOPE' })).toBeDefined();
  });

  it('compiles Dwolla (OpenAPI 3.1) and Stripe (3.0) subsets', () => {
    expect(
      dwolla.schemaErrors('InvalidResourceStateSchema', { code: 'InvalidResourceState', message: 'm' }),
    ).toBeUndefined();
    expect(stripe.schemaErrors('mandate', { id: 1 })).toBeDefined();
    expect(stripe.undocumentedKeys('bank_account', { id: 'ba_1', misspelt: true })).toEqual(['misspelt']);
  });

  it('names what the subset lacks instead of passing silently', () => {
    expect(() => plaid.responseErrors('post', '/transfer/create', 200, {})).toThrow(
      /no POST \/transfer\/create/,
    );
    expect(() => stripe.schemaErrors('no_such_object', {})).toThrow(/no schema no_such_object/);
  });
});

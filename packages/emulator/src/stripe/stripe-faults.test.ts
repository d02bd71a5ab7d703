import { describe, expect, it } from 'vitest';
import { createStripeHarness } from '../../test/stripe.test-helpers.js';

describe('faultResponse', () => {
  it('answers 429 as rate_limit_error/rate_limit with Retry-After', () => {
    const { module } = createStripeHarness();
    const response = module.faultResponse(429, { retryAfterSeconds: 3 });
    expect(response.status).toBe(429);
    expect(response.headers).toMatchObject({ 'retry-after': '3' });
    expect(response.headers?.['request-id']).toMatch(/^req_/);
    expect(response.body).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit' } });
  });

  it('omits Retry-After when not given', () => {
    const { module } = createStripeHarness();
    expect(module.faultResponse(429, {}).headers).not.toHaveProperty('retry-after');
  });

  it('answers 5xx as api_error', () => {
    const { module } = createStripeHarness();
    for (const status of [500, 502, 503]) {
      const response = module.faultResponse(status, {});
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ error: { type: 'api_error' } });
    }
  });

  it('maps 4xx statuses onto the classes the stripe SDK derives from them', () => {
    const { module } = createStripeHarness();
    expect(module.faultResponse(400, {}).body).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(module.faultResponse(401, {}).body).toMatchObject({ error: { type: 'invalid_request_error' } });
    expect(module.faultResponse(402, {}).body).toMatchObject({ error: { type: 'card_error' } });
    expect(module.faultResponse(409, {}).body).toMatchObject({ error: { type: 'idempotency_error' } });
  });

  it('answers an HTML page with text/html when html is set', () => {
    const { module } = createStripeHarness();
    const response = module.faultResponse(502, { html: true });
    expect(response.status).toBe(502);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBeTypeOf('string');
    expect(String(response.body)).toContain('<title>502 Bad Gateway</title>');
  });
});

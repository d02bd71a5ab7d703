import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import { bodyOf, createDwollaHarness } from '../../test/dwolla.test-helpers.js';

const dwollaSpec = createOpenApiValidator('dwolla');

describe('faultResponse', () => {
  it('answers 429 TooManyRequests with Retry-After', () => {
    const { module } = createDwollaHarness();
    const response = module.faultResponse(429, { retryAfterSeconds: 7 });
    expect(response.status).toBe(429);
    expect(response.headers?.['retry-after']).toBe('7');
    expect(response.headers?.['content-type']).toContain('application/vnd.dwolla.v1.hal+json');
    expect(bodyOf(response)['code']).toBe('TooManyRequests');
    expect(dwollaSpec.schemaErrors('TooManyRequestsErrorError', response.body)).toBeUndefined();
  });

  it('answers 5xx as ServerError with an error id, 504 as RequestTimeout', () => {
    const { module } = createDwollaHarness();
    for (const status of [500, 502, 503]) {
      const response = module.faultResponse(status, {});
      expect(response.status).toBe(status);
      expect(bodyOf(response)['code']).toBe('ServerError');
      expect(bodyOf(response)['message']).toMatch(/^A server error occurred\. Error ID: [0-9a-f-]{36}$/);
      expect(response.headers).not.toHaveProperty('retry-after');
    }
    expect(bodyOf(module.faultResponse(504, {}))['code']).toBe('RequestTimeout');
  });

  it('answers an HTML page like Cloudflare when html is set', () => {
    const { module } = createDwollaHarness();
    const response = module.faultResponse(503, { html: true, retryAfterSeconds: 30 });
    expect(response.status).toBe(503);
    expect(response.headers?.['content-type']).toBe('text/html');
    expect(response.headers?.['retry-after']).toBe('30');
    expect(response.body).toEqual(
      expect.stringContaining('<title>503 Service Temporarily Unavailable</title>'),
    );
    expect(response.body).toEqual(expect.stringContaining('cloudflare'));
    expect(() => JSON.parse(String(response.body))).toThrow();
  });

  it('maps common 4xx statuses to Dwolla codes', () => {
    const { module } = createDwollaHarness();
    const codes = [400, 401, 403, 404, 409, 418].map(
      (status) => bodyOf(module.faultResponse(status, {}))['code'],
    );
    expect(codes).toEqual([
      'BadRequest',
      'InvalidAccessToken',
      'Forbidden',
      'NotFound',
      'Conflict',
      'BadRequest',
    ]);
  });
});

import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import { describe, expect, it } from 'vitest';
import { bodyOf, buildRequest, createDwollaHarness } from '../../test/dwolla.test-helpers.js';
import { DEFAULT_CREDENTIALS } from '../types.js';

const dwollaSpec = createOpenApiValidator('dwolla');

const { key, secret } = DEFAULT_CREDENTIALS.dwolla;

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('POST /token', () => {
  it('issues a bearer token for form-body client credentials (as dwolla-v2 sends them)', async () => {
    const { module } = createDwollaHarness(1800);
    const response = await module.handle(
      buildRequest('POST', '/token', {
        rawBody: form({ client_id: key, client_secret: secret, grant_type: 'client_credentials' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    const body = bodyOf(response);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1800 });
    expect(body['access_token']).toMatch(/^[A-Za-z0-9]{50}$/);
    expect(dwollaSpec.responseErrors('POST', '/token', 200, body)).toBeUndefined();
  });

  it('accepts HTTP Basic client authentication', async () => {
    const { module } = createDwollaHarness();
    const response = await module.handle(
      buildRequest('POST', '/token', {
        rawBody: form({ grant_type: 'client_credentials' }),
        headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` },
      }),
    );
    expect(response.status).toBe(200);
    expect(bodyOf(response)['access_token']).toEqual(expect.any(String));
  });

  it('issues a different token each time', async () => {
    const harness = createDwollaHarness();
    expect(await harness.token()).not.toBe(await harness.token());
  });

  it.each([
    ['a wrong secret', form({ client_id: key, client_secret: 'nope', grant_type: 'client_credentials' }), {}],
    ['a wrong key', form({ client_id: 'nope', client_secret: secret, grant_type: 'client_credentials' }), {}],
    ['no credentials', form({ grant_type: 'client_credentials' }), {}],
    [
      'a bad Basic header',
      form({ grant_type: 'client_credentials' }),
      { authorization: `Basic ${Buffer.from(`${key}:wrong`).toString('base64')}` },
    ],
    [
      'a Basic header without colon',
      form({ grant_type: 'client_credentials' }),
      { authorization: 'Basic Zm9v' },
    ],
  ])('answers 401 invalid_client for %s', async (_label, rawBody, headers) => {
    const { module } = createDwollaHarness();
    const response = await module.handle(buildRequest('POST', '/token', { rawBody, headers }));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: 'invalid_client' });
    expect(JSON.stringify(response)).not.toContain(secret);
    expect(dwollaSpec.responseErrors('POST', '/token', 401, response.body)).toBeUndefined();
  });

  it('answers OAuth errors for a missing or unsupported grant type', async () => {
    const { module } = createDwollaHarness();
    const missing = await module.handle(
      buildRequest('POST', '/token', { rawBody: form({ client_id: key, client_secret: secret }) }),
    );
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'invalid_request' });
    const unsupported = await module.handle(
      buildRequest('POST', '/token', {
        rawBody: form({ client_id: key, client_secret: secret, grant_type: 'password' }),
      }),
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.body).toEqual({ error: 'unsupported_grant_type' });
  });

  it('does not need the Dwolla Accept header (the SDK sends none to /token)', async () => {
    const { module } = createDwollaHarness();
    const response = await module.handle(
      buildRequest('POST', '/token', {
        rawBody: form({ client_id: key, client_secret: secret, grant_type: 'client_credentials' }),
      }),
    );
    expect(response.status).toBe(200);
  });

  it('answers 405 to GET /token', async () => {
    const { module } = createDwollaHarness();
    const response = await module.handle(buildRequest('GET', '/token'));
    expect(response.status).toBe(405);
    expect(bodyOf(response)['code']).toBe('MethodNotAllowed');
    expect(response.headers?.['Allow']).toBe('POST');
  });
});

describe('bearer tokens on API calls', () => {
  it('accepts a fresh token', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('GET', '/customers');
    expect(response.status).toBe(200);
  });

  it('answers 401 InvalidCredentials without an Authorization header', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('GET', '/customers', { anonymous: true });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      code: 'InvalidCredentials',
      message: 'Missing or invalid Authorization header.',
    });
  });

  it('answers 401 InvalidAccessToken for an unknown token without echoing it', async () => {
    const harness = createDwollaHarness();
    const response = await harness.call('GET', '/customers', {
      headers: { authorization: 'Bearer not-a-real-token-123' },
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 'InvalidAccessToken', message: 'Invalid access token.' });
    expect(JSON.stringify(response)).not.toContain('not-a-real-token-123');
  });

  it('expires tokens on the emulated clock with the configured TTL', async () => {
    const harness = createDwollaHarness(60);
    const bearer = await harness.token();
    const headers = { authorization: `Bearer ${bearer}` };
    harness.clock.advance(59_999);
    expect((await harness.call('GET', '/customers', { headers })).status).toBe(200);
    harness.clock.advance(1);
    const expired = await harness.call('GET', '/customers', { headers });
    expect(expired.status).toBe(401);
    expect(bodyOf(expired)['code']).toBe('ExpiredAccessToken');
    expect(bodyOf(expired)['message']).toEqual(expect.any(String));
    const fresh = await harness.token();
    expect(
      (await harness.call('GET', '/customers', { headers: { authorization: `Bearer ${fresh}` } })).status,
    ).toBe(200);
  });

  it('keeps older tokens valid when a new one is minted', async () => {
    const harness = createDwollaHarness();
    const first = await harness.token();
    await harness.token();
    expect(
      (await harness.call('GET', '/customers', { headers: { authorization: `Bearer ${first}` } })).status,
    ).toBe(200);
  });
});

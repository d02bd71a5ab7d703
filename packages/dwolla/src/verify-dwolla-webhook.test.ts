import { createHmac } from 'node:crypto';
import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { DwollaWebhookVerificationError } from './dwolla-webhook-error.js';
import { DWOLLA_FUNDING_SOURCE_TOPICS } from './dwolla-webhook-events.js';
import { signDwollaWebhook, verifyDwollaWebhook } from './verify-dwolla-webhook.js';

const SECRET = 'webhook-subscription-secret-42';
const CUSTOMER = 'https://api-sandbox.dwolla.com/customers/ab443d36-3757-44c1-a1b4-29727fb3111c';
const FUNDING_SOURCE = 'https://api-sandbox.dwolla.com/funding-sources/df8392e5-4c06-42ed-b247-c098ed6f5a11';

function eventBody(topic: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: '80d8ff7d-7e5a-4975-ade8-9e97306d6c15',
    resourceId: 'df8392e5-4c06-42ed-b247-c098ed6f5a11',
    topic,
    created: '2026-01-02T03:04:05.000Z',
    _links: {
      self: { href: 'https://api-sandbox.dwolla.com/events/80d8ff7d-7e5a-4975-ade8-9e97306d6c15' },
      account: { href: 'https://api-sandbox.dwolla.com/accounts/b4cdac07-eeca-4059-a29c-48900e453d54' },
      resource: { href: FUNDING_SOURCE },
      customer: { href: CUSTOMER },
    },
    ...extra,
  });
}

function hmac(body: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function failure(action: () => unknown): DwollaWebhookVerificationError {
  try {
    action();
  } catch (error) {
    if (DwollaWebhookVerificationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected verification to fail');
}

describe('verifyDwollaWebhook', () => {
  it('accepts a body signed with the subscription secret and types funding source events', () => {
    const body = eventBody('customer_funding_source_verified');
    const event = verifyDwollaWebhook({
      body,
      headers: {
        'x-request-signature-sha-256': hmac(body),
        'x-dwolla-topic': 'customer_funding_source_verified',
      },
      secret: SECRET,
    });
    expect(event.kind).toBe('funding_source');
    if (event.kind !== 'funding_source') throw new Error('narrowing');
    expect(event).toMatchObject({
      topic: 'customer_funding_source_verified',
      fundingSourceId: 'df8392e5-4c06-42ed-b247-c098ed6f5a11',
      resourceUrl: FUNDING_SOURCE,
      customerUrl: CUSTOMER,
      customerId: 'ab443d36-3757-44c1-a1b4-29727fb3111c',
      createdAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('knows every funding source topic, and tolerates unknown topics as kind other', () => {
    for (const topic of DWOLLA_FUNDING_SOURCE_TOPICS) {
      const body = eventBody(topic);
      expect(
        verifyDwollaWebhook({ body, headers: { 'X-Request-Signature-SHA-256': hmac(body) }, secret: SECRET })
          .kind,
      ).toBe('funding_source');
    }
    const body = eventBody('customer_brand_new_topic_2030', {
      created: undefined,
      timestamp: '2015-10-22T14:44:11.407Z',
    });
    const event = verifyDwollaWebhook({
      body,
      headers: { 'X-Request-Signature-SHA-256': hmac(body) },
      secret: SECRET,
    });
    expect(event).toMatchObject({
      kind: 'other',
      topic: 'customer_brand_new_topic_2030',
      createdAt: '2015-10-22T14:44:11.407Z',
    });
  });

  it('accepts Buffers, ArrayBuffers and fetch Headers (header names are case-insensitive)', () => {
    const body = eventBody('customer_funding_source_added');
    const headers = new Headers({ 'X-Request-Signature-Sha-256': hmac(body).toUpperCase() });
    expect(verifyDwollaWebhook({ body: Buffer.from(body), headers, secret: SECRET }).topic).toBe(
      'customer_funding_source_added',
    );
    const bytes = new TextEncoder().encode(body);
    expect(
      verifyDwollaWebhook({ body: bytes.buffer as ArrayBuffer, headers, secret: SECRET }).id,
    ).toBeTruthy();
  });

  it('signDwollaWebhook produces what Dwolla sends', () => {
    const body = eventBody('customer_funding_source_removed');
    expect(signDwollaWebhook(body, SECRET)).toBe(hmac(body));
  });

  it('refuses a tampered body, a wrong secret, and a missing or malformed header', () => {
    const body = eventBody('customer_funding_source_added');
    const signature = hmac(body);
    expect(
      failure(() =>
        verifyDwollaWebhook({
          body: body.replace('added', 'removed'),
          headers: { 'x-request-signature-sha-256': signature },
          secret: SECRET,
        }),
      ).reason,
    ).toBe('bad_signature');
    expect(
      failure(() =>
        verifyDwollaWebhook({
          body,
          headers: { 'x-request-signature-sha-256': hmac(body, 'other-secret') },
          secret: SECRET,
        }),
      ).reason,
    ).toBe('bad_signature');
    expect(failure(() => verifyDwollaWebhook({ body, headers: {}, secret: SECRET })).reason).toBe(
      'missing_header',
    );
    expect(
      failure(() =>
        verifyDwollaWebhook({ body, headers: { 'x-request-signature-sha-256': 'abc' }, secret: SECRET }),
      ).reason,
    ).toBe('malformed_signature');
    expect(
      failure(() =>
        verifyDwollaWebhook({
          body,
          headers: { 'x-request-signature-sha-256': [signature, signature] },
          secret: SECRET,
        }),
      ).reason,
    ).toBe('malformed_signature');
  });

  it('refuses a re-serialised body (signature over different bytes)', () => {
    const body = eventBody('customer_funding_source_added');
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(
      failure(() =>
        verifyDwollaWebhook({
          body: reserialised,
          headers: { 'x-request-signature-sha-256': hmac(body) },
          secret: SECRET,
        }),
      ).reason,
    ).toBe('bad_signature');
  });

  it('refuses a signed body that is not a Dwolla event, and a topic header that disagrees with the body', () => {
    const notEvent = JSON.stringify({ hello: 'world' });
    expect(
      failure(() =>
        verifyDwollaWebhook({
          body: notEvent,
          headers: { 'x-request-signature-sha-256': hmac(notEvent) },
          secret: SECRET,
        }),
      ).reason,
    ).toBe('malformed_body');
    const body = eventBody('customer_funding_source_added');
    expect(
      failure(() =>
        verifyDwollaWebhook({
          body,
          headers: { 'x-request-signature-sha-256': hmac(body), 'x-dwolla-topic': 'transfer_completed' },
          secret: SECRET,
        }),
      ).reason,
    ).toBe('topic_mismatch');
  });

  it('never shows the secret in errors', () => {
    const body = eventBody('customer_funding_source_added');
    const error = failure(() =>
      verifyDwollaWebhook({
        body,
        headers: { 'x-request-signature-sha-256': hmac(body, 'x') },
        secret: SECRET,
      }),
    );
    for (const view of [String(error), JSON.stringify(error), error.stack ?? ''])
      expect(view).not.toContain(SECRET);
    expect(error.isRetryable).toBe(false);
  });

  it('validates its input naming the field (a parsed object is not a raw body)', () => {
    const attempt = (input: unknown) => {
      try {
        verifyDwollaWebhook(input as never);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const parsed = attempt({ body: { id: 'x' }, headers: {}, secret: SECRET });
    expect(InputValidationError.isInstance(parsed) && parsed.field).toBe('body');
    const noSecret = attempt({ body: '{}', headers: {}, secret: '' });
    expect(InputValidationError.isInstance(noSecret) && noSecret.field).toBe('secret');
  });
});

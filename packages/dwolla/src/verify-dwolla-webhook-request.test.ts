import { createHmac } from 'node:crypto';
import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { DwollaWebhookVerificationError } from './dwolla-webhook-error.js';
import { verifyDwollaWebhookRequest } from './verify-dwolla-webhook-request.js';

const SECRET = 'webhook-subscription-secret-7';
const BODY = JSON.stringify({
  id: '80d8ff7d-7e5a-4975-ade8-9e97306d6c15',
  resourceId: 'df8392e5-4c06-42ed-b247-c098ed6f5a11',
  topic: 'customer_funding_source_added',
  created: '2026-01-02T03:04:05.000Z',
  _links: {
    self: { href: 'https://api-sandbox.dwolla.com/events/80d8ff7d-7e5a-4975-ade8-9e97306d6c15' },
    account: { href: 'https://api-sandbox.dwolla.com/accounts/b4cdac07-eeca-4059-a29c-48900e453d54' },
    resource: { href: 'https://api-sandbox.dwolla.com/funding-sources/df8392e5-4c06-42ed-b247-c098ed6f5a11' },
    customer: { href: 'https://api-sandbox.dwolla.com/customers/ab443d36-3757-44c1-a1b4-29727fb3111c' },
  },
});

function signedRequest(body = BODY, signature = createHmac('sha256', SECRET).update(BODY).digest('hex')) {
  return new Request('http://127.0.0.1/webhooks/dwolla', {
    method: 'POST',
    headers: { 'X-Request-Signature-SHA-256': signature, 'X-Dwolla-Topic': 'customer_funding_source_added' },
    body,
  });
}

describe('verifyDwollaWebhookRequest(request, { secret })', () => {
  it('verifies a web-platform Request by its raw body', async () => {
    const event = await verifyDwollaWebhookRequest(signedRequest(), { secret: SECRET });
    expect(event).toMatchObject({ topic: 'customer_funding_source_added' });
  });

  it('refuses a changed body with the verifier’s own error', async () => {
    const error = await verifyDwollaWebhookRequest(signedRequest(`${BODY} `), { secret: SECRET }).catch(
      (caught: unknown) => caught,
    );
    expect(DwollaWebhookVerificationError.isInstance(error) && error.reason).toBe('bad_signature');
  });

  it('refuses a read body, a non-Request and a missing secret with an InputValidationError', async () => {
    const read = signedRequest();
    await read.text();
    await expect(verifyDwollaWebhookRequest(read, { secret: SECRET })).rejects.toThrow(/already read/);
    await expect(verifyDwollaWebhookRequest({} as Request, { secret: SECRET })).rejects.toBeInstanceOf(
      InputValidationError,
    );
    await expect(verifyDwollaWebhookRequest(signedRequest(), { secret: '' })).rejects.toThrow(/secret/);
  });
});

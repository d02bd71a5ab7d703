import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import { createPlaidClient } from '../plaid/create-plaid-client.js';
import { createTestWebhookSigner } from '../testing/webhook-signer.js';
import { createPlaidWebhookVerifier } from './plaid-webhook-verifier.js';
import { verifyPlaidWebhook } from './verify-plaid-webhook-request.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

const PAYLOAD = {
  webhook_type: 'ITEM',
  webhook_code: 'LOGIN_REPAIRED',
  item_id: 'item-1',
  environment: 'sandbox',
};

function setup() {
  const signer = createTestWebhookSigner();
  const plaid = createPlaidClient({ clientId: 'client-1', secret: 'secret-example-1', fetch: signer.fetch });
  return { signer, verifier: createPlaidWebhookVerifier({ plaid }) };
}

describe('verifyPlaidWebhook(request, verifier)', () => {
  it('verifies a web-platform Request by its raw body and returns the typed event', async () => {
    const { signer, verifier } = setup();
    const signed = signer.sign(PAYLOAD);
    const request = new Request('http://127.0.0.1/webhooks/plaid', {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    const event = await verifyPlaidWebhook(request, verifier);
    expect(event).toMatchObject({ kind: 'ITEM.LOGIN_REPAIRED', itemId: 'item-1' });
    expect(request.bodyUsed).toBe(true);
  });

  it('refuses a changed body with the verifier’s own error', async () => {
    const { signer, verifier } = setup();
    const signed = signer.sign(PAYLOAD);
    const request = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: signed.headers,
      body: `${String(signed.body)} `,
    });
    const error = await verifyPlaidWebhook(request, verifier).catch((caught: unknown) => caught);
    expect(WebhookVerificationError.isInstance(error) && error.reason).toBe('body_mismatch');
  });

  it('refuses a request whose body was already read, and anything that is not a Request, before any call', async () => {
    const { signer, verifier } = setup();
    const signed = signer.sign(PAYLOAD);
    const read = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    await read.text();
    await expect(verifyPlaidWebhook(read, verifier)).rejects.toThrow(/already read/);
    await expect(verifyPlaidWebhook({} as Request, verifier)).rejects.toBeInstanceOf(InputValidationError);
    await expect(verifyPlaidWebhook(new Request('http://127.0.0.1/'), {} as typeof verifier)).rejects.toThrow(
      /verifier/,
    );
  });
});

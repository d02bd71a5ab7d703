import { plaidError } from './plaid-errors.js';
import { WEBHOOK_VERIFICATION_KEY_GET } from './plaid-request-schemas.js';
import type { PlaidRoute } from './plaid-route.js';

/** `POST /webhook_verification_key/get`: the public JWK for a webhook signing key id. */
export const webhookVerificationKeyGet: PlaidRoute = {
  fields: WEBHOOK_VERIFICATION_KEY_GET,
  handle(context, body) {
    const key = context.keys.find(body['key_id'] as string);
    if (key === undefined) throw plaidError('INVALID_WEBHOOK_VERIFICATION_KEY_ID');
    return { key: { ...key.jwk } };
  },
};

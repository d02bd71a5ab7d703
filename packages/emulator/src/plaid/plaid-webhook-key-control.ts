import { controlError, parseControlJson } from '../control/control-json.js';
import { readObject, readOptionalBoolean, rejectUnknownKeys } from '../input-validation.js';
import type { EmulatorRequest, EmulatorResponse } from '../types.js';
import type { PlaidWebhookKeyStore } from './plaid-webhook-keys.js';

const EXPIRE_ROUTE = /^\/webhook-keys\/([^/]+)\/expire$/;

/**
 * Webhook key control routes under `/__emulator/plaid`, or undefined when `request` is not one of them:
 * `GET /webhook_key` (`{ key_id }` of the signing key), `GET /webhook-keys` (every public JWK),
 * `POST /webhook-keys/rotate` (`{ expirePrevious?: boolean }`: a new signing key; older keys stay valid
 * unless `expirePrevious`), `POST /webhook-keys/:key_id/expire` (sets `expired_at`).
 */
export function handleWebhookKeyControl(
  keys: PlaidWebhookKeyStore,
  request: EmulatorRequest,
): EmulatorResponse | undefined {
  const { method, path } = request;
  if (path === '/webhook_key' && method === 'GET') {
    return { status: 200, body: { key_id: keys.current().kid } };
  }
  if (path === '/webhook-keys' && method === 'GET') {
    const currentKid = keys.current().kid;
    return {
      status: 200,
      body: { current_key_id: currentKid, keys: keys.list().map((key) => ({ ...key.jwk })) },
    };
  }
  if (path === '/webhook-keys/rotate' && method === 'POST') {
    const body = readObject(parseControlJson(request), 'body');
    rejectUnknownKeys(body, ['expirePrevious'], '');
    const expirePrevious = readOptionalBoolean(body['expirePrevious'], 'expirePrevious') ?? false;
    const { current, previous } = keys.rotate({ expirePrevious });
    return {
      status: 200,
      body: {
        key_id: current.kid,
        previous_key_id: previous.kid,
        keys: keys.list().map((key) => ({ ...key.jwk })),
      },
    };
  }
  const expire = EXPIRE_ROUTE.exec(path);
  if (expire && method === 'POST') {
    const kid = decodeURIComponent(expire[1] as string);
    const key = keys.expire(kid);
    if (key === undefined) return controlError(404, 'webhook_key_not_found', `No webhook key ${kid}.`);
    return { status: 200, body: { key: { ...key.jwk } } };
  }
  return undefined;
}

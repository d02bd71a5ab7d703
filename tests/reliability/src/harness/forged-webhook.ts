import { Buffer } from 'node:buffer';
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';

/** Order n of the P-256 base point. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A well-formed Plaid webhook body for an Item. */
export function webhookBody(itemId = 'item-forged-1'): string {
  return JSON.stringify({
    webhook_type: 'ITEM',
    webhook_code: 'ERROR',
    item_id: itemId,
    environment: 'sandbox',
  });
}

/**
 * A forged `Plaid-Verification` JWT for `body`: well formed, canonical (low-S, canonical base64url) and
 * fresh, under `kid` (a fresh random UUID by default), but signed with a key Plaid never issued.
 */
export function forgePlaidVerification(body: string, kid: string = randomUUID()): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid, typ: 'JWT' })).toString('base64url');
  const claims = Buffer.from(
    JSON.stringify({
      iat: Math.floor(Date.now() / 1000),
      request_body_sha256: createHash('sha256').update(body).digest('hex'),
    }),
  ).toString('base64url');
  const raw = sign('sha256', Buffer.from(`${header}.${claims}`), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  const s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
  const lowS = s > P256_ORDER >> 1n ? P256_ORDER - s : s;
  const signature = Buffer.concat([
    raw.subarray(0, 32),
    Buffer.from(lowS.toString(16).padStart(64, '0'), 'hex'),
  ]);
  return `${header}.${claims}.${signature.toString('base64url')}`;
}

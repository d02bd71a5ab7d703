import { Buffer } from 'node:buffer';
import { createHash, sign } from 'node:crypto';
import type { PlaidWebhookKey } from './plaid-webhook-keys.js';

/** Name of the header carrying the signed JWT on every Plaid webhook. */
export const PLAID_VERIFICATION_HEADER = 'Plaid-Verification';

const base64Url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Order n of the P-256 base point. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The low-S form of an (r‖s) signature: s replaced by n − s when s > n/2, as canonical verifiers require. */
function lowS(signature: Buffer): Buffer {
  const s = BigInt(`0x${signature.subarray(32).toString('hex')}`);
  if (s <= P256_ORDER >> 1n) return signature;
  const twin = Buffer.from((P256_ORDER - s).toString(16).padStart(64, '0'), 'hex');
  return Buffer.concat([signature.subarray(0, 32), twin]);
}

/**
 * Signs a webhook body as Plaid does: a compact JWS with header `{alg: 'ES256', kid, typ: 'JWT'}` and
 * claims `{iat, request_body_sha256}` (`iat` in Unix seconds from `nowMs`, the hash over the exact body
 * bytes, lowercase hex), ES256 with an IEEE P1363 (r‖s) signature in low-S form.
 */
export function signPlaidWebhookBody(key: PlaidWebhookKey, body: string, nowMs: number): string {
  const header = { alg: 'ES256', kid: key.kid, typ: 'JWT' };
  const claims = {
    iat: Math.floor(nowMs / 1000),
    request_body_sha256: createHash('sha256').update(body, 'utf8').digest('hex'),
  };
  const signingInput = `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), {
    key: key.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${lowS(signature).toString('base64url')}`;
}

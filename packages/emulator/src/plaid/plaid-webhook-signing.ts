import { Buffer } from 'node:buffer';
import { createHash, sign } from 'node:crypto';
import type { PlaidWebhookKey } from './plaid-webhook-keys.js';

/** Name of the header carrying the signed JWT on every Plaid webhook. */
export const PLAID_VERIFICATION_HEADER = 'Plaid-Verification';

const base64Url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Signs a webhook body as Plaid does: a compact JWS with header `{alg: 'ES256', kid, typ: 'JWT'}` and
 * claims `{iat, request_body_sha256}` (`iat` in Unix seconds from `nowMs`, the hash over the exact body
 * bytes, lowercase hex), ES256 with an IEEE P1363 (r‖s) signature.
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
  return `${signingInput}.${signature.toString('base64url')}`;
}

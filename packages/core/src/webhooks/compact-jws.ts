import { decodeBase64Url as decodeBytes, encodeBase64Url as encodeBytes, utf8Bytes } from '../bytes.js';

/** Longest `Plaid-Verification` value accepted; real tokens are a few hundred bytes. */
export const MAX_JWS_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A compact JWS split into its parts; header and payload are decoded JSON objects, nothing is verified. */
export interface DecodedJws {
  /** The protected header, e.g. `{ alg: 'ES256', kid, typ: 'JWT' }`. */
  header: Record<string, unknown>;
  /** The claims object. */
  payload: Record<string, unknown>;
  /** The bytes the signature covers: `base64url(header) + '.' + base64url(payload)` as ASCII. */
  signingInput: Uint8Array;
  /** The raw signature bytes (empty for `alg: none`). */
  signature: Uint8Array;
}

/** Why a compact JWS could not be decoded. */
export type JwsDecodeFailure = { ok: false; message: string };

/**
 * Decodes base64url text strictly: no padding, no other alphabet, and canonical (the unused low bits of the
 * last character are zero, so each byte string has exactly one accepted encoding); undefined otherwise.
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = decodeBytes(text);
  if (bytes === undefined || encodeBytes(bytes) !== text) return undefined;
  return bytes;
}

/** Encodes bytes as unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array | string): string {
  return encodeBytes(typeof bytes === 'string' ? utf8Bytes(bytes) : bytes);
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64Url(part);
  if (!bytes || bytes.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a compact JWS (`header.payload.signature`) without verifying anything. */
export function decodeCompactJws(token: string): ({ ok: true } & DecodedJws) | JwsDecodeFailure {
  if (token.length > MAX_JWS_LENGTH)
    return { ok: false, message: `token longer than ${MAX_JWS_LENGTH} characters` };
  const parts = token.split('.');
  if (parts.length !== 3)
    return { ok: false, message: 'expected a compact JWS with three dot-separated parts' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonObject(headerPart);
  if (!header) return { ok: false, message: 'the token header is not a base64url-encoded JSON object' };
  const payload = decodeJsonObject(payloadPart);
  if (!payload) return { ok: false, message: 'the token payload is not a base64url-encoded JSON object' };
  const signature = decodeBase64Url(signaturePart);
  if (!signature) return { ok: false, message: 'the token signature is not canonical base64url' };
  return {
    ok: true,
    header,
    payload,
    signingInput: utf8Bytes(`${headerPart}.${payloadPart}`),
    signature,
  };
}

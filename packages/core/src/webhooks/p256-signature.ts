/** Order n of the P-256 curve's base point (FIPS 186-4, D.1.2.3). */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const HALF_ORDER = P256_ORDER >> 1n;

function scalarOf(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bytesOf(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = value;
  for (let index = length - 1; index >= 0; index -= 1) {
    out[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/**
 * Whether a 64-byte IEEE P1363 (r‖s) ES256 signature is in canonical low-S form (0 < s <= n/2). Every
 * valid signature (r, s) has a twin (r, n − s) that verifies too; accepting only the low-S one gives each
 * signed message exactly one signature.
 */
export function isLowSSignature(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const s = scalarOf(signature.subarray(32));
  return s > 0n && s <= HALF_ORDER;
}

/** Returns the low-S twin of a 64-byte (r‖s) ES256 signature (the signature itself when already low-S). */
export function toLowSSignature(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64) return signature;
  const s = scalarOf(signature.subarray(32));
  if (s <= HALF_ORDER) return signature;
  const out = new Uint8Array(64);
  out.set(signature.subarray(0, 32), 0);
  out.set(bytesOf(P256_ORDER - s, 32), 32);
  return out;
}

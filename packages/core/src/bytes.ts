const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL_VALUES = new Map([...BASE64URL_ALPHABET].map((char, index) => [char, index]));

/** Encodes text as UTF-8 bytes (same on every runtime: no Buffer). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8 bytes to text; invalid sequences become U+FFFD, like Buffer's `toString('utf8')`. */
export function utf8Text(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lowercase hex of bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let index = 0; index < bytes.length; index++) hex += HEX_PAIRS[bytes[index] as number];
  return hex;
}

/** Bytes of an even-length hex string already checked to be hex. */
export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

function encodeWith(alphabet: string, bytes: Uint8Array, pad: boolean): string {
  let out = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const word =
      ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8) | (bytes[index + 2] as number);
    out += `${alphabet[word >> 18]}${alphabet[(word >> 12) & 63]}${alphabet[(word >> 6) & 63]}${alphabet[word & 63]}`;
  }
  const rest = bytes.length - index;
  if (rest === 1) {
    const word = (bytes[index] as number) << 16;
    out += `${alphabet[word >> 18]}${alphabet[(word >> 12) & 63]}${pad ? '==' : ''}`;
  } else if (rest === 2) {
    const word = ((bytes[index] as number) << 16) | ((bytes[index + 1] as number) << 8);
    out += `${alphabet[word >> 18]}${alphabet[(word >> 12) & 63]}${alphabet[(word >> 6) & 63]}${pad ? '=' : ''}`;
  }
  return out;
}

/** Unpadded base64url of bytes. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeWith(BASE64URL_ALPHABET, bytes, false);
}

/** Padded standard base64 of bytes (e.g. for HTTP Basic credentials). */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(BASE64_ALPHABET, bytes, true);
}

/**
 * Decodes unpadded base64url text; undefined for any other character or an impossible length (4n+1).
 * Unused trailing bits are ignored, as Node's Buffer does.
 */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (const char of text) {
    const value = BASE64URL_VALUES.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[written++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/** Compares two byte arrays in time that depends only on their lengths. */
export function timingSafeEqualBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) {
    difference |= (left[index] as number) ^ (right[index] as number);
  }
  return difference === 0;
}

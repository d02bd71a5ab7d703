import { sha256HexOf } from './hashing.js';

/**
 * Hashes what identifies an operation into a stable SHA-256 hex digest: `achbridge:<namespace>`, then
 * each part prefixed by its length, so `['ab', 'c']` and `['a', 'bc']` never collide and nothing secret or
 * identifying survives into a key derived from it.
 */
export function stableKeyDigest(namespace: string, parts: readonly string[]): string {
  let text = `achbridge:${namespace}`;
  for (const part of parts) text += `\u0000${part.length}:${part}`;
  return sha256HexOf(text);
}

/**
 * A stable key from what identifies an operation, so a retry, a re-run after a crash or another process
 * sends the same key: `uuid` gives a name-based UUID (RFC 4122 version 5 layout, for APIs that want a
 * UUID), `{ prefix, hexLength }` gives `<prefix><first hexLength hex digits>`.
 */
export function deriveStableKey(
  namespace: string,
  parts: readonly string[],
  shape: 'uuid' | { prefix: string; hexLength: number },
): string {
  const hex = stableKeyDigest(namespace, parts);
  if (shape !== 'uuid') return `${shape.prefix}${hex.slice(0, shape.hexLength)}`;
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

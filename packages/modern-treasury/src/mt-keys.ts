import { sha256Hex } from '@achbridge/core';

/**
 * A stable key from the parts that identify an operation, hashed (SHA-256) so nothing identifying
 * appears in it: `achbridge-<namespace>-<40 hex>`. Modern Treasury's idempotency keys are independent of
 * the route, so every key carries its operation's namespace; external ids allow 180 characters.
 */
export function deriveModernTreasuryKey(namespace: string, parts: readonly string[]): string {
  let text = `achbridge:modern_treasury:${namespace}`;
  for (const part of parts) text += `\u0000${part.length}:${part}`;
  return `achbridge-${namespace}-${sha256Hex(text).slice(0, 40)}`;
}

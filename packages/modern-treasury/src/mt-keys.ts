import { deriveStableKey } from '@achbridge/core/internal';

/**
 * A stable key from the parts that identify an operation, hashed (SHA-256) so nothing identifying
 * appears in it: `achbridge-<namespace>-<40 hex>`. Modern Treasury's idempotency keys are independent of
 * the route, so every key carries its operation's namespace; external ids allow 180 characters.
 */
export function deriveModernTreasuryKey(namespace: string, parts: readonly string[]): string {
  return deriveStableKey(`modern_treasury:${namespace}`, parts, {
    prefix: `achbridge-${namespace}-`,
    hexLength: 40,
  });
}

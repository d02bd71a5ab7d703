import type { CheckedFields } from '../kernel/field-spec-read.js';
import type { ObjectFieldSpec } from '../kernel/field-spec-types.js';
import { invalidParameter } from './stripe-errors.js';

/** Stripe's documented metadata limits: 50 keys, keys up to 40 characters, values up to 500 characters. */
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;

/** The `metadata` parameter: a hash of strings within Stripe's limits; `metadata=` (empty) clears every key. */
export const STRIPE_METADATA: ObjectFieldSpec = {
  type: 'object',
  fields: {},
  emptyUnsets: true,
  maxKeys: METADATA_MAX_KEYS,
  maxKeyLength: METADATA_MAX_KEY_LENGTH,
  values: {
    type: 'string',
    rules: [
      {
        test: (value) => value.length <= METADATA_MAX_VALUE_LENGTH,
        expected: `at most ${METADATA_MAX_VALUE_LENGTH} characters`,
        message: `Metadata values can have up to ${METADATA_MAX_VALUE_LENGTH} characters.`,
      },
    ],
  },
};

/**
 * Applies a checked `metadata` parameter to existing metadata: each key is set, an empty value removes the key,
 * and `metadata=` clears all keys; more than 50 keys in the result is Stripe's 400. Returns the new metadata.
 */
export function mergeMetadata(
  checked: CheckedFields,
  existing: Record<string, string>,
): Record<string, string> {
  if (checked.cleared('metadata')) return {};
  const changes = checked.stringMap('metadata');
  if (changes === undefined) return existing;
  const next = { ...existing };
  for (const [key, value] of Object.entries(changes)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > METADATA_MAX_KEYS) {
    throw invalidParameter('metadata', `You can have up to ${METADATA_MAX_KEYS} metadata keys.`);
  }
  return next;
}

import type { z } from 'zod';
import type { AdapterStore, AdapterStoreLinkKey } from './adapter-store.js';
import type { ProviderName } from './errors.js';
import { typedTwin } from './typed-twin.js';
import { parseResponse } from './validate.js';

/** Identifies a `link`'s processor object in the store, with the signal that aborts waiting for another process. */
export type ProcessorLinkClaimKey = AdapterStoreLinkKey & { signal: AbortSignal | undefined };

/** How an adapter keeps its `link` object in a store: its object id, the schema of what is read back, the provider. */
export interface StoredLinkFormat<T> {
  /** The processor object's id (the store's `objectId`). */
  objectIdOf: (value: T) => string;
  /** Validates the stored details when they are read back (a malformed record is a ResponseValidationError). */
  schema: z.ZodType<T>;
  /** The provider named in a validation error. */
  provider: ProviderName;
}

/**
 * Creates a `link`'s processor object once per (item, account, processor, customer) across every process
 * sharing `store`, and returns what the store holds with `claimed` true only for the call whose `create`
 * ran; without a store it just creates (`claimed` true). The key must be built from validated values: the
 * store's typed twin, when it registered one, claims without parsing it again.
 */
export async function processorLinkOnce<T extends object>(
  store: AdapterStore | undefined,
  key: ProcessorLinkClaimKey,
  create: () => Promise<T>,
  format: StoredLinkFormat<NoInfer<T>>,
): Promise<{ value: T; claimed: boolean }> {
  if (store === undefined) return { value: await create(), claimed: true };
  // The key is built from validated values: the store's typed twin (when it has one) claims without parsing it again.
  const { value, created } = await typedTwin(store).claimProcessorLink(
    { itemId: key.itemId, accountId: key.accountId, processor: key.processor, customerId: key.customerId },
    async () => {
      const result = await create();
      return { objectId: format.objectIdOf(result), details: { ...result } as Record<string, unknown> };
    },
    { signal: key.signal },
  );
  const stored = parseResponse(format.schema, value.details, {
    provider: format.provider,
    endpoint: 'store: processor link',
  });
  return { value: stored, claimed: created };
}

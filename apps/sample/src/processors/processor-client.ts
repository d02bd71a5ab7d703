import { SampleError } from '../errors/sample-error.js';
import type { SampleProviders } from '../providers/sample-providers.js';

/** A processor's client as the providers hold it, or why it is unavailable. */
export interface ProcessorSlot {
  /** The processor's client (its adapter, or the adapter with what the sample's flow also needs). */
  client: unknown;
  /** Why there is no client (sandbox mode without the processor's keys); undefined when there is one. */
  unavailable: string | undefined;
}

/**
 * The client the providers built for `processor` (typed by the caller's processor module), or a 409 saying how
 * to enable it (`<KEY>_NOT_CONFIGURED`, e.g. `STRIPE_NOT_CONFIGURED`).
 */
export function requireProcessorClient<Client>(
  providers: Pick<SampleProviders, 'processors'>,
  processor: { key: string; label: string },
): Client {
  const slot = providers.processors[processor.key];
  if (slot === undefined || slot.client === undefined) {
    throw new SampleError(
      409,
      `${processor.key.toUpperCase()}_NOT_CONFIGURED`,
      slot?.unavailable ?? `${processor.label} is not configured.`,
    );
  }
  return slot.client as Client;
}

/** Processor names core's type hints know; any other non-empty string is a valid processor too. */
export type KnownAchProcessor = 'stripe' | 'dwolla';

/** An ACH processor's name: an open string (`'stripe'`, `'dwolla'`, or any adapter's own name). */
export type AchProcessor = KnownAchProcessor | (string & {});

/**
 * What one processor needs from a Plaid-linked institution; each adapter declares its own and
 * `checkAuthSupport` combines them, so adding an adapter needs no change to core.
 */
export interface ProcessorRequirements<P extends string = AchProcessor> {
  /** The processor's name, as its adapter reports it (`adapter.processor`). */
  readonly processor: P;
  /** The name used in explanations, e.g. `Stripe`. */
  readonly label: string;
  /** Plaid products the institution must support (e.g. `['auth']`). */
  readonly products: readonly string[];
  /** Institution countries the processor moves money in; the institution must list one of them. */
  readonly institutionCountries: readonly string[];
  /** Country codes Plaid Link must be initialised with (every one must be requested), if any. */
  readonly linkCountryCodes?: readonly string[];
  /** Account subtypes the processor can debit (for Link's account filters), if it restricts them. */
  readonly accountSubtypes?: readonly string[];
}

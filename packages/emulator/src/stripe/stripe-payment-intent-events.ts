/** A PaymentIntent as the watcher last saw it in the module's snapshot. */
export interface WatchedPaymentIntent {
  id: string;
  livemode: boolean;
  status: string;
}

/**
 * The `payment_intent.*` event types a status change stands for, in order: `created` when first seen,
 * then `processing`, `succeeded`, `payment_failed` (back to `requires_payment_method` after processing) or
 * `canceled`. Returns an empty list when nothing changed.
 */
export function paymentIntentEventTypes(previous: string | undefined, current: string): string[] {
  if (previous === current) return [];
  const types: string[] = previous === undefined ? ['payment_intent.created'] : [];
  if (current === 'processing') types.push('payment_intent.processing');
  else if (current === 'succeeded') {
    if (previous === undefined) types.push('payment_intent.processing');
    types.push('payment_intent.succeeded');
  } else if (current === 'canceled') types.push('payment_intent.canceled');
  else if (current === 'requires_payment_method' && previous === 'processing') {
    types.push('payment_intent.payment_failed');
  }
  return types;
}

/** Reads the PaymentIntents out of the Stripe module's snapshot (which settles due ones first). */
export function watchedPaymentIntents(snapshot: Record<string, unknown>): WatchedPaymentIntent[] {
  const list = snapshot['paymentIntents'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { id, livemode, status } = item as Record<string, unknown>;
    return typeof id === 'string' && typeof status === 'string' && typeof livemode === 'boolean'
      ? [{ id, livemode, status }]
      : [];
  });
}

/** A dispute as the watcher reads it from the snapshot: its id, mode and Stripe object. */
export interface WatchedDispute {
  id: string;
  livemode: boolean;
  object: Record<string, unknown>;
}

/** Reads the disputes out of the Stripe module's snapshot. */
export function watchedDisputes(snapshot: Record<string, unknown>): WatchedDispute[] {
  const list = snapshot['disputes'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const object = item as Record<string, unknown>;
    const { id, livemode } = object;
    return typeof id === 'string' && typeof livemode === 'boolean' ? [{ id, livemode, object }] : [];
  });
}

import type { FormHash } from './form-decode.js';
import { invalidParameter } from './stripe-errors.js';
import { readOptionalInteger, readOptionalString } from './stripe-params.js';

/** Stripe's list object. */
export interface StripeList {
  object: 'list';
  data: Record<string, unknown>[];
  has_more: boolean;
  url: string;
}

/** Reads `limit` (1-100, default 10) and the `starting_after`/`ending_before` cursors. */
export function readPagination(params: FormHash): {
  limit: number;
  startingAfter: string | undefined;
  endingBefore: string | undefined;
} {
  const limit = readOptionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidParameter(
      'limit',
      `This value must be greater than or equal to 1 and less than or equal to 100.`,
    );
  }
  const startingAfter = readOptionalString(params, 'starting_after') ?? undefined;
  const endingBefore = readOptionalString(params, 'ending_before') ?? undefined;
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidParameter(
      'ending_before',
      'You may only specify one of these parameters: ending_before, starting_after.',
    );
  }
  return { limit, startingAfter, endingBefore };
}

/**
 * Pages through `items` (already in Stripe's newest-first order) like Stripe: `starting_after` returns the
 * items after the cursor, `ending_before` the ones just before it; unknown cursors are `resource_missing`-like 400s.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  params: FormHash,
  url: string,
  render: (item: T) => Record<string, unknown>,
): StripeList {
  const { limit, startingAfter, endingBefore } = readPagination(params);
  let window: T[];
  let hasMore: boolean;
  if (startingAfter !== undefined) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index < 0) throw invalidParameter('starting_after', `Invalid starting_after id: ${startingAfter}`);
    const rest = items.slice(index + 1);
    window = rest.slice(0, limit);
    hasMore = rest.length > limit;
  } else if (endingBefore !== undefined) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index < 0) throw invalidParameter('ending_before', `Invalid ending_before id: ${endingBefore}`);
    const before = items.slice(0, index);
    window = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    window = items.slice(0, limit);
    hasMore = items.length > limit;
  }
  return { object: 'list', data: window.map(render), has_more: hasMore, url };
}

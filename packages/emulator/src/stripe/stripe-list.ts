import type { CheckedFields } from '../kernel/field-spec-read.js';
import type { FieldSpecs } from '../kernel/field-spec-types.js';
import { invalidParameter } from './stripe-errors.js';
import { stripeInteger, stripeString } from './stripe-fields.js';

/** Stripe's list object. */
export interface StripeList {
  object: 'list';
  data: Record<string, unknown>[];
  has_more: boolean;
  url: string;
}

/** The pagination parameters every list endpoint takes: `limit` (1-100) and the two cursors. */
export const LIST_FIELDS: FieldSpecs = {
  limit: stripeInteger({ minimum: 1, maximum: 100 }),
  starting_after: stripeString(),
  ending_before: stripeString(),
};

/** One page request: `limit` (default 10) and at most one of the `starting_after`/`ending_before` cursors. */
export interface PageRequest {
  limit: number;
  startingAfter: string | undefined;
  endingBefore: string | undefined;
}

/** Reads the checked pagination parameters; both cursors at once is Stripe's 400. */
export function readPage(checked: CheckedFields): PageRequest {
  const startingAfter = checked.string('starting_after');
  const endingBefore = checked.string('ending_before');
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidParameter(
      'ending_before',
      'You may only specify one of these parameters: ending_before, starting_after.',
    );
  }
  return { limit: checked.integer('limit') ?? 10, startingAfter, endingBefore };
}

/**
 * Pages through `items` (already in Stripe's newest-first order) like Stripe: `starting_after` returns the
 * items after the cursor, `ending_before` the ones just before it; unknown cursors are `resource_missing`-like 400s.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  page: PageRequest,
  url: string,
  render: (item: T) => Record<string, unknown>,
): StripeList {
  const { limit, startingAfter, endingBefore } = page;
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

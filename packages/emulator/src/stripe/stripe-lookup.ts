import { resourceMissing } from './stripe-errors.js';

/** Where an id came from: the URL path (404 on miss) or a named body parameter (400 on miss). */
export interface IdSource {
  /** The parameter name reported in the error (`id` for path ids). */
  param: string;
  /** True when the id is part of the URL path. */
  inPath: boolean;
}

/**
 * Finds a record visible in the caller's mode or throws Stripe's `resource_missing`, saying so when a
 * similar object exists in the other mode.
 */
export function findInMode<T extends { livemode: boolean }>(
  records: Map<string, T>,
  id: string,
  livemode: boolean,
  objectWord: string,
  source: IdSource,
): T {
  const record = records.get(id);
  if (record !== undefined && record.livemode === livemode) return record;
  const otherModeExists = record === undefined ? undefined : record.livemode ? 'live' : 'test';
  throw resourceMissing(objectWord, id, source.param, { inPath: source.inPath, otherModeExists });
}

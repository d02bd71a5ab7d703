import type { EmulatorResponse } from '../types.js';
import { parameterInvalid } from './mt-errors.js';

const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 100;

/**
 * One page of a list, as Modern Treasury paginates: a JSON array body, `per_page` (default 25, at most
 * 100) and `after_cursor` in the query, and `X-After-Cursor` (the next page's cursor) and `X-Per-Page`
 * headers; the official SDK reads `x-after-cursor` to fetch the next page.
 */
export function listPage<T extends { id: string }>(
  items: readonly T[],
  query: URLSearchParams,
  render: (item: T) => unknown,
): EmulatorResponse {
  const perPageText = query.get('per_page');
  let perPage = DEFAULT_PER_PAGE;
  if (perPageText !== null) {
    perPage = Number(perPageText);
    if (!Number.isInteger(perPage) || perPage < 1)
      throw parameterInvalid('per_page', 'per_page must be a positive integer');
    perPage = Math.min(perPage, MAX_PER_PAGE);
  }
  const cursor = query.get('after_cursor');
  let start = 0;
  if (cursor !== null && cursor !== '') {
    const index = items.findIndex((item) => item.id === cursor);
    if (index < 0) throw parameterInvalid('after_cursor', 'after_cursor is invalid');
    start = index + 1;
  }
  const page = items.slice(start, start + perPage);
  const last = page[page.length - 1];
  const headers: Record<string, string> = { 'x-per-page': String(perPage) };
  if (start + perPage < items.length && last !== undefined) headers['x-after-cursor'] = last.id;
  return { status: 200, headers, body: page.map(render) };
}

import type { PathSegment } from './field-spec-types.js';

/** `['options', 'products', 0]` as `options.products[0]` (Plaid's and Modern Treasury's notation). */
export function dottedPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/** `['metadata', 'order']` as `metadata[order]` (Stripe's form-parameter notation). */
export function bracketPath(path: readonly PathSegment[]): string {
  const [head, ...rest] = path;
  return `${head ?? ''}${rest.map((segment) => `[${segment}]`).join('')}`;
}

/** `['_links', 'exchange', 'href']` as the JSON pointer `/_links/exchange/href` (Dwolla's notation). */
export function jsonPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

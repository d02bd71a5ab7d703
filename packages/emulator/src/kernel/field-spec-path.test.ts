import { describe, expect, it } from 'vitest';
import { bracketPath, dottedPath, jsonPointer } from './field-spec-path.js';

describe('field paths', () => {
  it('writes dotted paths with array indexes in brackets', () => {
    expect(dottedPath(['options', 'products', 0, 'name'])).toBe('options.products[0].name');
    expect(dottedPath(['tags', 2])).toBe('tags[2]');
    expect(dottedPath([])).toBe('');
  });

  it('writes Stripe bracket names', () => {
    expect(bracketPath(['metadata', 'order'])).toBe('metadata[order]');
    expect(bracketPath(['items', 0, 'price'])).toBe('items[0][price]');
    expect(bracketPath(['amount'])).toBe('amount');
  });

  it('writes escaped JSON pointers', () => {
    expect(jsonPointer(['_links', 'exchange', 'href'])).toBe('/_links/exchange/href');
    expect(jsonPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});

import { describe, expect, it } from 'vitest';
import { typeWithArticle } from './field-spec-words.js';

describe('typeWithArticle', () => {
  it('puts the right article before JSON type names and leaves other words alone', () => {
    expect(['string', 'integer', 'boolean', 'array', 'object', 'one of a, b'].map(typeWithArticle)).toEqual([
      'a string',
      'an integer',
      'a boolean',
      'an array',
      'an object',
      'one of a, b',
    ]);
  });
});

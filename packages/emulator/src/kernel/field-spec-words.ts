const WITH_ARTICLE: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

/** A violation's expected JSON type with its article (`integer` -> `an integer`), as error messages say it. */
export function typeWithArticle(expected: string): string {
  return WITH_ARTICLE[expected] ?? expected;
}

/** A compiled path pattern: exact, or a glob where `*` spans one segment and `**` any depth. */
export interface PathPattern {
  /** The pattern as written. */
  readonly source: string;
  /** True when `path` (no query string) matches. */
  matches(path: string): boolean;
}

/** Compiles `source` into a matcher; patterns without `*` match the path exactly. */
export function compilePathPattern(source: string): PathPattern {
  if (!source.includes('*')) {
    return { source, matches: (path) => path === source };
  }
  let expression = '^';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] as string;
    if (char === '*') {
      if (source[index + 1] === '*') {
        expression += '.*';
        index += 1;
      } else {
        expression += '[^/]*';
      }
    } else {
      expression += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  const regex = new RegExp(`${expression}$`);
  return { source, matches: (path) => regex.test(path) };
}

/**
 * A schema (or any value) built on its first use and kept: `const inputSchema = lazySchema(() => z.object(...))`,
 * used as `inputSchema()`. A module's schemas then cost nothing at `import`, only when a call needs them.
 */
export function lazySchema<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

// The files a package.json points at through `exports`, `imports` and `bin` (nested condition objects and
// arrays included; wildcard patterns skipped), shared by scripts/bundle-package.mjs (which builds the
// `./dist/*.js` ones) and scripts/prepack.mjs (which checks that all of them exist before packing).

/** Every relative file path (`./…`, no `*`) in a manifest field, in order, without duplicates. */
export function manifestTargets(manifest) {
  const found = new Set();
  const visit = (value) => {
    if (typeof value === 'string') {
      if (value.startsWith('./') && !value.includes('*')) found.add(value);
    } else if (Array.isArray(value)) {
      for (const inner of value) visit(inner);
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit([manifest.exports, manifest.imports, manifest.bin]);
  return [...found];
}

#!/usr/bin/env node
// Bundles a published package's JavaScript: one ESM file per entry point (its `exports`, `bin` and the
// `imports` targets such as `#platform`), shared code in `dist/chunks/`, every bare import (dependencies,
// other @achbridge packages, `node:` builtins, `#` subpath imports) left external. TypeScript writes only the
// declarations (`emitDeclarationOnly`); this script writes all the .js. Run from the package folder after
// `tsc -b`: `node ../../scripts/bundle-package.mjs`.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { manifestTargets } from './lib/manifest-targets.mjs';

const root = process.cwd();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every `./dist/….js` file the manifest points at (exports, imports, bin), wherever it appears. */
const targets = new Set(manifestTargets(manifest).filter((target) => /^\.\/dist\/.+\.js$/.test(target)));
if (targets.size === 0) throw new Error(`${manifest.name}: no ./dist/*.js entry in exports, imports or bin`);

/** Entry name (output path without .js) → its TypeScript source. */
const input = Object.fromEntries(
  [...targets].map((target) => {
    const name = target.slice('./dist/'.length, -'.js'.length);
    return [name, join(root, 'src', `${name}.ts`)];
  }),
);
const unbuildable = [...targets].filter((target) => {
  const source = input[target.slice('./dist/'.length, -'.js'.length)];
  return !existsSync(source);
});
if (unbuildable.length > 0) {
  process.stderr.write(
    `${manifest.name}: package.json points at ${unbuildable.join(', ')}, but there is no matching src/*.ts to build it from\n`,
  );
  process.exit(1);
}

/** Removes the previous build's JavaScript (declarations stay: TypeScript owns them). */
function removeJs(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) removeJs(path);
    else if (/\.js(\.map)?$/.test(entry)) rmSync(path);
  }
}

const dist = join(root, 'dist');
removeJs(dist);

const bundle = await rolldown({
  input,
  platform: 'neutral',
  // Only the package's own files are bundled: relative and absolute ids; everything bare stays an import.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(id),
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  treeshake: true,
});
const { output } = await bundle.write({
  dir: dist,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: 'chunks/[name]-[hash].js',
  sourcemap: false,
});
await bundle.close();

const bin = new Set(
  Object.values(typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {})),
);
const files = output.filter((item) => item.type === 'chunk');
for (const file of files) {
  if (bin.has(`./dist/${file.fileName}`) && !file.code.startsWith('#!')) {
    throw new Error(`${manifest.name}: bin ${file.fileName} lost its #! line`);
  }
}

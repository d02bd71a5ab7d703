#!/usr/bin/env node
// Bundles a published package's JavaScript: one ESM file per entry point (its `exports`, `bin` and the
// `imports` targets such as `#platform`), shared code in `dist/chunks/`, every bare import (dependencies,
// other @achbridge packages, `node:` builtins, `#` subpath imports) left external. TypeScript writes only the
// declarations (`emitDeclarationOnly`); this script writes all the .js. Run from the package folder after
// `tsc -b`: `node ../../scripts/bundle-package.mjs`. Then it removes the declarations that no entry point's
// types reach (see scripts/lib/declaration-graph.mjs), so the tarball ships only the ones consumers load.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { rolldown } from 'rolldown';
import { declarationFiles, reachableDeclarations } from './lib/declaration-graph.mjs';
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

/**
 * Removes the declarations no entry point reaches. An incremental `tsc -b` writes only the declarations of
 * changed sources, so a file removed by an earlier build that an entry now reaches is missing: then the
 * declarations are written again in full (`tsc -b --force`) before pruning.
 */
function pruneDeclarations() {
  let { reached, missing } = reachableDeclarations(root, manifest);
  if (missing.length > 0) {
    const require = createRequire(join(root, 'package.json'));
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    const rebuilt = spawnSync(process.execPath, [tsc, '-b', '--force', 'tsconfig.build.json'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (rebuilt.status !== 0) throw new Error(`${manifest.name}: tsc -b --force failed`);
    ({ reached, missing } = reachableDeclarations(root, manifest));
    if (missing.length > 0) {
      throw new Error(
        `${manifest.name}: declarations named by the entry points are missing: ${missing.join(', ')}`,
      );
    }
  }
  for (const file of declarationFiles(dist)) if (!reached.has(file)) rmSync(file);
}

pruneDeclarations();

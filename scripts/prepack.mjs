#!/usr/bin/env node
// `prepack` of every published package (run by `npm pack` and `npm publish` in the package folder): builds the
// package with the repository's TypeScript (`tsc -b tsconfig.build.json`, declarations, a no-op when up to
// date) and bundles its JavaScript (`scripts/bundle-package.mjs`),
// then checks that every file package.json points at (exports, imports, main, types, bin) exists, so a
// tarball can never ship without dist/. Fails with a message saying what to do instead of packing a broken
// package. Usage (package.json): "prepack": "node ../../scripts/prepack.mjs"
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestTargets } from './lib/manifest-targets.mjs';

const folder = process.cwd();
const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
const name = manifest.name ?? folder;

function fail(message) {
  process.stderr.write(`prepack ${name}: ${message}\n`);
  process.exit(1);
}

let tsc;
try {
  const require = createRequire(join(folder, 'package.json'));
  tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  fail('cannot build: TypeScript is not installed. Run `npm ci` at the repository root, then pack again.');
}
if (!existsSync(join(folder, 'tsconfig.build.json')))
  fail('cannot build: there is no tsconfig.build.json here.');

const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], {
  cwd: folder,
  stdio: 'inherit',
});
if (build.status !== 0)
  fail('the build failed (tsc -b tsconfig.build.json, errors above); nothing was packed.');
// The JavaScript: one bundled file per entry point (tsc writes only the declarations).
const bundle = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('./bundle-package.mjs', import.meta.url))],
  {
    cwd: folder,
    stdio: 'inherit',
  },
);
if (bundle.status !== 0)
  fail('bundling failed (scripts/bundle-package.mjs, errors above); nothing was packed.');

const pointed = [
  ...manifestTargets(manifest),
  ...[manifest.main, manifest.types]
    .filter((entry) => typeof entry === 'string')
    .map((entry) => `./${entry.replace(/^\.\//, '')}`),
];
const missing = [...new Set(pointed)].filter((target) => !existsSync(join(folder, target)));
if (missing.length > 0) {
  fail(`package.json points at files the build did not produce: ${missing.join(', ')}. Nothing was packed.`);
}

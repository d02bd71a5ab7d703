// The declaration files a published package needs: those its entry points' types reach through relative
// imports. `tsc -b` writes one `.d.ts` per source file, including files whose types no entry point exposes
// (internal helpers that are bundled into the JavaScript); scripts/bundle-package.mjs ships only the reached
// ones, so a tarball carries no declarations a consumer's compiler can never load.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { manifestTargets } from './manifest-targets.mjs';

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\/\/\/\s*<reference\s+path=)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The declaration file a relative specifier in a `.d.ts` names (`./x.js` → `./x.d.ts`). */
function declarationOf(fromFile, specifier) {
  const target = resolve(dirname(fromFile), specifier);
  if (target.endsWith('.d.ts')) return target;
  if (target.endsWith('.js')) return `${target.slice(0, -'.js'.length)}.d.ts`;
  return `${target}.d.ts`;
}

/** The entry declarations: `types`, every `.d.ts` target of exports/imports, and each `.js` target's sibling. */
function entryDeclarations(root, manifest) {
  const targets = [
    ...manifestTargets(manifest),
    ...(typeof manifest.types === 'string' ? [manifest.types] : []),
  ];
  const entries = new Set();
  for (const target of targets) {
    const path = resolve(root, target);
    if (path.endsWith('.d.ts')) entries.add(path);
    else if (path.endsWith('.js')) {
      const sibling = `${path.slice(0, -'.js'.length)}.d.ts`;
      if (existsSync(sibling)) entries.add(sibling);
    }
  }
  return entries;
}

/**
 * Walks the relative imports of the package's entry declarations. Returns the reached files and the ones
 * that are named but missing (only possible after an incremental build that did not write them again).
 */
export function reachableDeclarations(root, manifest) {
  const reached = new Set();
  const missing = new Set();
  const stack = [...entryDeclarations(root, manifest)];
  while (stack.length > 0) {
    const file = stack.pop();
    if (reached.has(file) || missing.has(file)) continue;
    if (!existsSync(file)) {
      missing.add(file);
      continue;
    }
    reached.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      stack.push(declarationOf(file, match[1]));
    }
  }
  return { reached, missing: [...missing].map((file) => relative(root, file)) };
}

/** Every `.d.ts` file under `dir`. */
export function declarationFiles(dir) {
  const found = [];
  const visit = (at) => {
    let entries;
    try {
      entries = readdirSync(at);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (entry.endsWith('.d.ts')) found.push(path);
    }
  };
  visit(dir);
  return found;
}

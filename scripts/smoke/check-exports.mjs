// Run from inside a consumer project: for every installed @achbridge package, every `exports` subpath must
// import (ESM) and require (CommonJS, Node >= 20.19 require(esm)) from the package name, expose at least one
// export, and every `types` target it names must be a file in the installed package.
// Usage: node check-exports.mjs @achbridge/core @achbridge/stripe ...
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// import() resolves from this file's location, so it must sit in the consumer project it checks.
if (dirname(fileURLToPath(import.meta.url)) !== process.cwd()) {
  console.error('check-exports: copy this script into the consumer project and run it from there');
  process.exit(2);
}

const requireFromProject = createRequire(join(process.cwd(), 'package.json'));
const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node check-exports.mjs <package name>...');
  process.exit(2);
}

/** Collects every file target under an exports entry, with the condition path that leads to it. */
function targets(entry, trail, out) {
  if (typeof entry === 'string') out.push({ trail, file: entry });
  else if (entry && typeof entry === 'object') {
    for (const [condition, value] of Object.entries(entry)) targets(value, [...trail, condition], out);
  }
  return out;
}

const problems = [];
for (const name of names) {
  const dir = join(process.cwd(), 'node_modules', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const exportsField = manifest.exports;
  if (!exportsField || typeof exportsField !== 'object') {
    problems.push(`${name}: no exports map`);
    continue;
  }
  for (const [subpath, entry] of Object.entries(exportsField)) {
    if (subpath === './package.json') continue;
    for (const { trail, file } of targets(entry, [], [])) {
      if (!existsSync(join(dir, file)))
        problems.push(`${name} exports["${subpath}"].${trail.join('.')}: ${file} missing`);
    }
    const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
    try {
      const imported = await import(specifier);
      const required = requireFromProject(specifier);
      const keys = Object.keys(imported).filter((key) => key !== 'default');
      if (keys.length === 0) problems.push(`${specifier}: imports with no named exports`);
      const missingInRequire = keys.filter((key) => !(key in required));
      if (missingInRequire.length > 0)
        problems.push(`${specifier}: require() lacks ${missingInRequire.join(', ')}`);
      console.log(`exports ok ${specifier}: ${keys.length} named exports via import and require`);
    } catch (error) {
      problems.push(`${specifier}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`exports problem: ${problem}`);
  process.exit(1);
}

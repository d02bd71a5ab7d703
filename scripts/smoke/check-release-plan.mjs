// Run inside a throwaway copy of the repository after `changeset version` applied a *minor* changeset for
// @achbridge/core only: proves the adapters follow with a patch (never a major, the peer-dependency trap),
// that their @achbridge/core range moved to the new version, and that the CHANGELOGs were written.
// Usage: node check-release-plan.mjs <copyDir> '<JSON of the versions before, by package name>'
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const copyDir = process.argv[2];
if (!copyDir) {
  console.error('usage: node check-release-plan.mjs <copyDir> <versionsBeforeJson>');
  process.exit(2);
}

/** Reads one workspace package.json of the copy. */
function manifest(dir) {
  return JSON.parse(readFileSync(join(copyDir, 'packages', dir, 'package.json'), 'utf8'));
}

/** Splits x.y.z into numbers. */
function parts(version) {
  return version.split('-')[0].split('.').map(Number);
}

const before = JSON.parse(process.argv[3] ?? '{}');
const problems = [];
const core = manifest('core');
const [coreMajor, coreMinor] = parts(before['@achbridge/core'] ?? '0.0.0');
const expectedCore = `${coreMajor}.${coreMinor + 1}.0`;
if (core.version !== expectedCore) problems.push(`core is ${core.version}, expected ${expectedCore}`);

for (const dir of ['stripe', 'dwolla', 'modern-treasury']) {
  const pkg = manifest(dir);
  const [major, minor, patch] = parts(before[pkg.name] ?? '0.0.0');
  const expected = `${major}.${minor}.${patch + 1}`;
  if (pkg.version !== expected)
    problems.push(`${pkg.name} is ${pkg.version}, expected a patch to ${expected}`);
  const range = pkg.dependencies?.['@achbridge/core'];
  if (range !== `^${core.version}`)
    problems.push(`${pkg.name} depends on @achbridge/core ${range}, expected ^${core.version}`);
  if (pkg.peerDependencies?.['@achbridge/core']) problems.push(`${pkg.name} lists @achbridge/core as a peer`);
  const changelog = readFileSync(join(copyDir, 'packages', dir, 'CHANGELOG.md'), 'utf8');
  if (!changelog.includes(`## ${expected}`))
    problems.push(`${pkg.name} CHANGELOG lacks a ## ${expected} entry`);
  console.log(`release plan: ${pkg.name} ${before[pkg.name]} -> ${pkg.version} (core range ${range})`);
}
console.log(
  `release plan: @achbridge/core ${before['@achbridge/core']} -> ${core.version} (minor changeset)`,
);

if (problems.length > 0) {
  for (const problem of problems) console.error(`release plan problem: ${problem}`);
  process.exit(1);
}

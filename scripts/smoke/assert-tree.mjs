// Checks which packages an install put in a consumer project's tree (read from its package-lock.json) and
// prints the project's installed footprint (packages and bytes under node_modules).
// Usage: node assert-tree.mjs <projectDir> <label> --has a,b --lacks c,d
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [projectDir, label, ...flags] = process.argv.slice(2);
if (!projectDir || !label) {
  console.error('usage: node assert-tree.mjs <projectDir> <label> --has a,b --lacks c,d');
  process.exit(2);
}

/** Reads a comma-separated flag value (empty list when the flag is absent). */
function listFlag(name) {
  const index = flags.indexOf(name);
  const value = index === -1 ? undefined : flags[index + 1];
  return value ? value.split(',').filter(Boolean) : [];
}

const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8'));
const installed = new Map();
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  const at = path.lastIndexOf('node_modules/');
  if (at === -1) continue;
  installed.set(path.slice(at + 'node_modules/'.length), entry.version);
}

const problems = [];
for (const name of listFlag('--has')) {
  if (!installed.has(name)) problems.push(`expected ${name} in the tree`);
}
for (const name of listFlag('--lacks')) {
  if (installed.has(name)) problems.push(`did not expect ${name} (${installed.get(name)}) in the tree`);
}

/** Sums file sizes under a directory without following symlinks. */
function diskBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += diskBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const root = join(projectDir, 'node_modules');
const sizes = [...installed.keys()]
  .filter((name) => existsSync(join(root, name)))
  .map((name) => ({ name, bytes: diskBytes(join(root, name)) }))
  .sort((a, b) => b.bytes - a.bytes);
const total = diskBytes(root);
const ours = sizes
  .filter(({ name }) => name.startsWith('@achbridge/'))
  .reduce((sum, { bytes }) => sum + bytes, 0);
console.log(
  `footprint ${label}: ${installed.size} packages, ${mib(total)} in node_modules (@achbridge/*: ${mib(ours)})`,
);
console.log(`  ${sizes.map(({ name, bytes }) => `${name}@${installed.get(name)} ${mib(bytes)}`).join(', ')}`);

if (problems.length > 0) {
  for (const problem of problems) console.error(`tree ${label}: ${problem}`);
  process.exit(1);
}

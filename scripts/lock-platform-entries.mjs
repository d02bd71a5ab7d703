// Keeps package-lock.json installable with `npm ci` on every platform.
//
// Biome and turbo ship their binaries as optional per-platform packages. When the registry npm talks to does not
// serve some of them (a filtered mirror), `npm install` leaves those platforms out of the lock file and
// `npm ci` then calls the lock "out of sync". This adds a lock entry (version, os, cpu, libc) for each missing
// platform package, so `npm ci` skips it on other platforms and fetches it where it applies.
// Run after any `npm install` that touches these tools: `node scripts/lock-platform-entries.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

/** Platform of an optional binary package, from its name (e.g. cli-darwin-arm64, linux-arm64-musl, windows-64). */
function platformOf(name) {
  const tail = name.split('/').pop();
  const os = ['android', 'darwin', 'linux', 'win32', 'windows', 'freebsd'].find((candidate) =>
    tail.includes(candidate),
  );
  const cpu = tail.includes('arm64')
    ? 'arm64'
    : tail.includes('x64') || tail.endsWith('-64')
      ? 'x64'
      : undefined;
  if (!os || !cpu) return undefined;
  const entry = { os: [os === 'windows' ? 'win32' : os], cpu: [cpu] };
  if (os === 'linux') entry.libc = [tail.includes('musl') ? 'musl' : 'glibc'];
  return entry;
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  if (!path.endsWith('node_modules/@biomejs/biome') && !path.endsWith('node_modules/turbo')) continue;
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `${path.slice(0, path.length - (path.endsWith('turbo') ? 'turbo' : '@biomejs/biome').length)}${name}`;
    if (packages[key]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[key] = { version, ...platform, dev: true, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-entries: added ${added} optional platform entr${added === 1 ? 'y' : 'ies'}`);

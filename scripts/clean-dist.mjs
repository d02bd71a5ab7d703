// Deletes the build output (dist/) of every publishable package so the next build starts clean: tsc -b never
// removes the output of a deleted source file, and such leftovers would otherwise be published.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const packagesDir = join(import.meta.dirname, '..', 'packages');
for (const name of readdirSync(packagesDir)) {
  const dist = join(packagesDir, name, 'dist');
  rmSync(dist, { recursive: true, force: true });
  console.log(`removed ${join('packages', name, 'dist')}`);
}

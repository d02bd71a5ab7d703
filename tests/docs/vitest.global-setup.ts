import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Brings the built packages up to date (`tsc -b`, a no-op when `npm test` has just built them), because the
 * README blocks are compiled and run against `dist/`, exactly as an app that installed the packages sees them.
 */
export default function setup(): void {
  const require = createRequire(import.meta.url);
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const projects = [
    'packages/stripe/tsconfig.build.json',
    'packages/dwolla/tsconfig.build.json',
    'packages/emulator/tsconfig.build.json',
  ];
  execFileSync(process.execPath, [tsc, '-b', ...projects], { cwd: root, stdio: 'inherit' });
}

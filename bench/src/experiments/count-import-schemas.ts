#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../report/format-table.js';

// How many zod schemas (and checks) each published entry point builds at `import`, counted exactly (no
// timing, so a loaded machine gives the same numbers): a module hook adds a counter to zod's one
// constructor of schema internals. Run from the repository root after `npm run build`:
//   node bench/dist/experiments/count-import-schemas.js

const BENCH = fileURLToPath(new URL('../../', import.meta.url));

/** zod's line that runs once per new schema or check instance (zod 4's `$constructor` init). */
const ZOD_INIT_LINE = '_zodDesc.value = new Internals(def);';

// The module hook, as a data: URL so that nothing is written to disk: it rewrites zod's core.js only.
const HOOKS = `
export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!url.endsWith('/zod/v4/core/core.js')) return result;
  const source = String(result.source);
  if (!source.includes(${JSON.stringify(ZOD_INIT_LINE)})) throw new Error('zod core.js changed: update count-import-schemas');
  return {
    ...result,
    source: source.replace(${JSON.stringify(ZOD_INIT_LINE)}, 'globalThis.__zodInstances = (globalThis.__zodInstances ?? 0) + 1; ' + ${JSON.stringify(ZOD_INIT_LINE)}),
  };
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`;

/** The zod instances built while importing `specifiers` (zod itself loaded first, and its own count taken off). */
function countImport(specifiers: readonly string[]): number {
  const script = [
    "await import('zod');",
    'const before = globalThis.__zodInstances ?? 0;',
    ...specifiers.map((specifier) => `await import(${JSON.stringify(specifier)});`),
    'process.stdout.write(String((globalThis.__zodInstances ?? 0) - before));',
  ].join('\n');
  const result = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '--input-type=module', '-e', script],
    { cwd: BENCH, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`import of ${specifiers.join(', ')} failed: ${result.stderr}`);
  return Number(result.stdout);
}

const rows = [
  ['@achbridge/core'],
  ['@achbridge/dwolla'],
  ['@achbridge/stripe'],
  ['@achbridge/modern-treasury'],
  ['@achbridge/core', '@achbridge/dwolla'],
].map((specifiers) => [specifiers.join(' + '), String(countImport(specifiers))]);
process.stdout.write(`${formatTable(['import', 'zod schemas and checks built'], rows)}\n`);

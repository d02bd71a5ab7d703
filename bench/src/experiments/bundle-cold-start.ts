#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rotationForRound } from '../lib/interleave.js';
import { median } from '../lib/stats.js';
import { formatTable } from '../report/format-table.js';
import { timeProcess } from '../sections/cold-start.js';

// Cold-start experiment behind the bundling plan in bench/README.md: bundles the built @achbridge/core and
// @achbridge/dwolla entry points to one ESM file each with rolldown (zod external, as it would ship; and zod
// inlined, for scale), installs them into a temporary node_modules and times `import` of both against the
// workspace's per-file build. Run from the repository root after `npm run build`:
//   node bench/dist/experiments/bundle-cold-start.js [runs]

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BENCH = join(REPO, 'bench');
const IMPORT = ['--input-type=module', '-e', "import '@achbridge/core'; import '@achbridge/dwolla';"];
const runs = Number(process.argv[2] ?? 11);

function bundle(input: string, output: string, external: readonly string[]): void {
  const args = [
    'rolldown',
    input,
    '-o',
    output,
    '-f',
    'esm',
    '-p',
    'node',
    ...external.flatMap((id) => ['-e', id]),
  ];
  const result = spawnSync('npx', args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`rolldown ${input} failed: ${result.stderr.toString()}`);
}

function install(root: string, name: string, file: string): void {
  const dir = join(root, 'node_modules', '@achbridge', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `@achbridge/${name}`, type: 'module', exports: './index.js' }),
  );
  bundle(file, join(dir, 'index.js'), name === 'core' ? ['zod'] : ['zod', '@achbridge/core']);
}

// A stand-in for zod that builds nothing (every property and call returns the same chainable stub): with
// it, importing the bundles costs what it would if every schema were built on first use instead of at import.
const STUB_ZOD = `const stub = new Proxy(function () {}, {
  get: (target, key) => (key === 'then' ? undefined : key === Symbol.iterator ? [][Symbol.iterator] : stub),
  apply: () => stub,
  construct: () => stub,
});
export const z = stub;
export default stub;
`;

/** Builds the bundled layouts and returns their project directories. */
function prepare(work: string): { zodExternal: string; zodInlined: string; zodStub: string } {
  const zodExternal = join(work, 'zod-external');
  const zodInlined = join(work, 'zod-inlined');
  const zodStub = join(work, 'zod-stub');
  for (const root of [zodExternal, zodInlined, zodStub]) {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
  }
  for (const name of ['core', 'dwolla'])
    install(zodExternal, name, join(REPO, 'packages', name, 'dist', 'index.js'));
  symlinkSync(join(REPO, 'node_modules', 'zod'), join(zodExternal, 'node_modules', 'zod'), 'dir');
  for (const name of ['core', 'dwolla'])
    install(zodStub, name, join(REPO, 'packages', name, 'dist', 'index.js'));
  mkdirSync(join(zodStub, 'node_modules', 'zod'), { recursive: true });
  writeFileSync(
    join(zodStub, 'node_modules', 'zod', 'package.json'),
    '{ "name": "zod", "type": "module", "exports": "./index.js" }',
  );
  writeFileSync(join(zodStub, 'node_modules', 'zod', 'index.js'), STUB_ZOD);
  for (const name of ['core', 'dwolla']) {
    const dir = join(zodInlined, 'node_modules', '@achbridge', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `@achbridge/${name}`, type: 'module', exports: './index.js' }),
    );
    bundle(
      join(REPO, 'packages', name, 'dist', 'index.js'),
      join(dir, 'index.js'),
      name === 'core' ? [] : ['@achbridge/core'],
    );
  }
  return { zodExternal, zodInlined, zodStub };
}

const work = mkdtempSync(join(tmpdir(), 'achbridge-bundle-'));
try {
  const dirs = prepare(work);
  const cases = [
    { id: 'node', label: 'node (nothing loaded)', args: ['-e', ''], cwd: BENCH },
    { id: 'files', label: 'core + dwolla as built today (one file per module)', args: IMPORT, cwd: BENCH },
    {
      id: 'bundled',
      label: 'core + dwolla bundled, one file each, zod external',
      args: IMPORT,
      cwd: dirs.zodExternal,
    },
    {
      id: 'inlined',
      label: 'core + dwolla bundled with zod inlined (for scale)',
      args: IMPORT,
      cwd: dirs.zodInlined,
    },
    {
      id: 'stub',
      label: 'bundled, zod loaded but no schema built (lower bound of lazy schemas)',
      args: [
        '--input-type=module',
        '-e',
        `import ${JSON.stringify(pathToFileURL(join(REPO, 'node_modules', 'zod', 'index.js')).href)}; ${IMPORT[2]}`,
      ],
      cwd: dirs.zodStub,
    },
    {
      id: 'sdk',
      label: 'plaid + dwolla-v2',
      args: ['-e', "require('plaid'); require('dwolla-v2');"],
      cwd: BENCH,
    },
  ];
  const samples = new Map(cases.map((entry) => [entry.id, { wall: [] as number[], cpu: [] as number[] }]));
  for (const entry of cases) timeProcess(entry.args, entry.cwd);
  for (let run = 0; run < runs; run++) {
    for (const entry of rotationForRound(cases, run)) {
      const timed = timeProcess(entry.args, entry.cwd);
      samples.get(entry.id)?.wall.push(timed.wallMs);
      samples.get(entry.id)?.cpu.push(timed.cpuMs);
    }
  }
  const medianOf = (id: string, kind: 'wall' | 'cpu'): number => median(samples.get(id)?.[kind] ?? []);
  const rows = cases.map((entry) => {
    const ratio = (kind: 'wall' | 'cpu', net: boolean): string => {
      const base = net ? medianOf('node', kind) : 0;
      return `${((medianOf(entry.id, kind) - base) / (medianOf('sdk', kind) - base)).toFixed(2)}×`;
    };
    return [
      entry.label,
      `${medianOf(entry.id, 'wall').toFixed(0)} ms`,
      `${medianOf(entry.id, 'cpu').toFixed(0)} ms`,
      entry.id === 'node' ? '' : `${ratio('wall', true)} / ${ratio('cpu', true)}`,
      `${ratio('wall', false)} / ${ratio('cpu', false)}`,
    ];
  });
  process.stdout.write(
    `median of ${runs} runs each, rotated; ratios are ÷ plaid + dwolla-v2 (wall / CPU)\n${formatTable(
      ['process', 'spawn to exit', 'process CPU', 'above node', 'whole process'],
      rows,
    )}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}

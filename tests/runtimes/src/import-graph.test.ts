import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryPath, quietEnvironment, WORKSPACE_DIRECTORY } from './harness/binaries.js';
import { bundleWorker } from './harness/bundle-worker.js';
import { runProcess } from './harness/run-process.js';

// Each runtime's own resolver walks the graph from the scenario entry, with its own conditions: the
// packages must resolve to their web-platform modules and nothing may import a Node builtin.
const WEB_PLATFORM = [
  `core${sep}dist${sep}platform${sep}web.js`,
  `stripe${sep}dist${sep}platform${sep}web.js`,
];
const NODE_PLATFORM = [
  `core${sep}dist${sep}platform${sep}node.js`,
  `stripe${sep}dist${sep}platform${sep}node.js`,
];
const NODE_BUILTIN =
  /^(node:|(assert|buffer|child_process|crypto|events|fs|http|https|net|os|path|stream|tls|url|util|zlib)(\/|$))/;

function expectWebPlatformOnly(modules: string[]): void {
  const normalized = modules.map((module) =>
    module
      .replace(/^file:\/\//, '')
      .split('/')
      .join(sep),
  );
  for (const wanted of WEB_PLATFORM) expect(normalized.some((module) => module.endsWith(wanted))).toBe(true);
  for (const unwanted of NODE_PLATFORM)
    expect(normalized.filter((module) => module.endsWith(unwanted))).toEqual([]);
  for (const adapter of ['dwolla', 'modern-treasury']) {
    expect(
      normalized.some((module) => module.includes(`${sep}packages${sep}${adapter}${sep}dist${sep}`)),
      `${adapter}'s build is in the graph`,
    ).toBe(true);
  }
}

describe('the non-Node builds import no node: module', () => {
  it('workerd: the bundle graph (rolldown, Worker conditions) has no Node builtin and the web platform modules', async () => {
    const bundle = await bundleWorker(join(WORKSPACE_DIRECTORY, 'src', 'scenario', 'worker.ts'));
    expect(bundle.externalImports).toEqual([]);
    expect(bundle.code).not.toMatch(/from\s*["']node:|import\(\s*["']node:|require\(\s*["']node:/);
    expectWebPlatformOnly(bundle.modules);
  });

  it('Deno: `deno info` of the scenario lists no Node builtin', async () => {
    const result = await runProcess(
      binaryPath('deno'),
      ['info', '--json', '--no-lock', 'src/scenario/deno-main.ts'],
      { cwd: WORKSPACE_DIRECTORY, env: quietEnvironment(), timeoutMs: 60_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const graph = JSON.parse(result.stdout) as {
      modules: { specifier: string; dependencies?: { specifier: string }[] }[];
    };
    const specifiers = graph.modules.map((module) => module.specifier);
    const imports = graph.modules.flatMap((module) =>
      (module.dependencies ?? []).map((dependency) => dependency.specifier),
    );
    expect([...specifiers, ...imports].filter((specifier) => NODE_BUILTIN.test(specifier))).toEqual([]);
    expectWebPlatformOnly(specifiers.filter((specifier) => specifier.endsWith('.js')));
  });

  it('Bun: `bun build --target=bun` of the scenario imports no Node builtin', async () => {
    const out = await mkdtemp(join(tmpdir(), 'achbridge-bun-build-'));
    try {
      const metafile = join(out, 'meta.json');
      const result = await runProcess(
        binaryPath('bun'),
        ['build', 'src/scenario/bun-main.ts', '--target=bun', `--outdir=${out}`, `--metafile=${metafile}`],
        { cwd: WORKSPACE_DIRECTORY, env: quietEnvironment(), timeoutMs: 60_000 },
      );
      expect(result.code, result.stderr).toBe(0);
      const meta = JSON.parse(await readFile(metafile, 'utf8')) as {
        inputs: Record<string, { imports: { path: string }[] }>;
      };
      const imports = Object.values(meta.inputs).flatMap((input) => input.imports.map((entry) => entry.path));
      expect(imports.filter((path) => NODE_BUILTIN.test(path))).toEqual([]);
      expectWebPlatformOnly(Object.keys(meta.inputs).map((input) => join(WORKSPACE_DIRECTORY, input)));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

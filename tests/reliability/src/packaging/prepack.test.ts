import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PREPACK = join(ROOT, 'scripts', 'prepack.mjs');
/** Every package folder whose package.json is not private: each is published. */
const PUBLISHED = readdirSync(join(ROOT, 'packages')).filter((folder) => {
  const manifest = join(ROOT, 'packages', folder, 'package.json');
  return (
    existsSync(manifest) &&
    (JSON.parse(readFileSync(manifest, 'utf8')) as { private?: boolean }).private !== true
  );
});
const scratch: string[] = [];

afterAll(async () => {
  await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A one-file package in `parent` whose exports point at `exportTarget`. */
async function fixturePackage(parent: string, exportTarget: string): Promise<string> {
  const folder = await mkdtemp(join(parent, '.prepack-fixture-'));
  scratch.push(folder);
  await mkdir(join(folder, 'src'));
  await writeFile(join(folder, 'src', 'index.ts'), 'export const answer: number = 42;\n');
  const manifest = { name: '@achbridge/prepack-fixture', type: 'module', exports: { '.': exportTarget } };
  await writeFile(join(folder, 'package.json'), JSON.stringify(manifest));
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      rootDir: 'src',
      outDir: 'dist',
      composite: true,
      declaration: true,
      types: [],
    },
    include: ['src'],
  };
  await writeFile(join(folder, 'tsconfig.build.json'), JSON.stringify(tsconfig));
  return folder;
}

async function prepack(folder: string): Promise<{ code: number; stderr: string }> {
  return run(process.execPath, [PREPACK], { cwd: folder, timeout: 60_000 }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code?: number; stderr?: string }) => ({ code: error.code ?? -1, stderr: error.stderr ?? '' }),
  );
}

describe('prepack: npm pack never ships a package without dist/', () => {
  it('is the prepack script of every published package', () => {
    expect(PUBLISHED).toEqual(expect.arrayContaining(['core', 'stripe', 'dwolla', 'emulator', 'store']));
    for (const name of PUBLISHED) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
      };
      expect(manifest.scripts?.prepack, name).toBe('node ../../scripts/prepack.mjs');
    }
  });

  it('builds a package that has no dist/ yet, so its exports exist when npm packs', async () => {
    const folder = await fixturePackage(join(ROOT, 'tests', 'reliability'), './dist/index.js');
    expect(existsSync(join(folder, 'dist'))).toBe(false);
    const result = await prepack(folder);
    expect(result).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(join(folder, 'dist', 'index.js'), 'utf8')).toContain('answer = 42');
  });

  it('fails, naming the file, when package.json points at something the build does not produce', async () => {
    const folder = await fixturePackage(join(ROOT, 'tests', 'reliability'), './dist/missing.js');
    const result = await prepack(folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('prepack @achbridge/prepack-fixture');
    expect(result.stderr).toContain('./dist/missing.js');
  });

  it('fails with what to do when TypeScript is not installed (outside the repository)', async () => {
    const folder = await fixturePackage(tmpdir(), './dist/index.js');
    const result = await prepack(folder);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TypeScript is not installed. Run `npm ci` at the repository root');
    expect(existsSync(join(folder, 'dist'))).toBe(false);
  });

  it('runs on npm pack: the packed file list of @achbridge/dwolla has its dist entry point', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts=false'], {
      cwd: join(ROOT, 'packages', 'dwolla'),
      timeout: 90_000,
    });
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('dist/index.js');
    expect(paths).toContain('dist/index.d.ts');
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** One fresh project's install. */
export interface FootprintEntry {
  id: string;
  label: string;
  /** What was installed (tarballs of the built workspace packages, or registry specs). */
  installed: string[];
  /** Packages in node_modules (from the project's lockfile). */
  packages: number;
  /** Sum of file sizes under node_modules. */
  bytes: number;
  /** The largest packages, bytes each. */
  largest: { name: string; bytes: number }[];
}

/** Install footprints, or why they could not be measured. */
export type FootprintResult =
  | { status: 'measured'; entries: FootprintEntry[] }
  | { status: 'unavailable'; reason: string };

const packJsonSchema = z.array(z.object({ filename: z.string(), name: z.string() }));
const lockSchema = z.object({ packages: z.record(z.string(), z.unknown()) });

async function diskBytes(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) total += await diskBytes(child);
    else if (entry.isFile()) total += (await stat(child)).size;
  }
  return total;
}

async function packageSizes(modules: string): Promise<{ name: string; bytes: number }[]> {
  const sizes: { name: string; bytes: number }[] = [];
  for (const entry of await readdir(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of await readdir(join(modules, entry.name), { withFileTypes: true })) {
        if (scoped.isDirectory()) {
          const name = `${entry.name}/${scoped.name}`;
          sizes.push({ name, bytes: await diskBytes(join(modules, name)) });
        }
      }
    } else {
      sizes.push({ name: entry.name, bytes: await diskBytes(join(modules, entry.name)) });
    }
  }
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

async function installInto(
  dir: string,
  specs: string[],
): Promise<{ packages: number; bytes: number; largest: FootprintEntry['largest'] }> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    '{ "name": "footprint", "version": "1.0.0", "private": true, "type": "module" }\n',
  );
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      '--ignore-scripts',
      ...specs,
    ],
    { cwd: dir, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const lock = lockSchema.parse(JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8')));
  const modules = join(dir, 'node_modules');
  return {
    packages: Object.keys(lock.packages).filter((path) => path.includes('node_modules/')).length,
    bytes: await diskBytes(modules),
    largest: (await packageSizes(modules)).slice(0, 6),
  };
}

/**
 * `npm pack`s the built @achbridge packages, then installs them (their own dependencies come from the npm
 * registry, as for a user) and the official SDKs into fresh temporary projects, and sums node_modules.
 */
export async function measureInstallFootprint(log: (line: string) => void): Promise<FootprintResult> {
  const work = await mkdtemp(join(tmpdir(), 'achbridge-footprint-'));
  try {
    const packed = await run(
      'npm',
      [
        'pack',
        '--json',
        '--pack-destination',
        work,
        '-w',
        '@achbridge/core',
        '-w',
        '@achbridge/dwolla',
        '-w',
        '@achbridge/stripe',
      ],
      { cwd: REPO_DIR, maxBuffer: 16 * 1024 * 1024 },
    );
    const tarballs = new Map(
      packJsonSchema
        .parse(JSON.parse(packed.stdout))
        .map((entry) => [entry.name, join(work, entry.filename)]),
    );
    const tarball = (name: string): string => {
      const path = tarballs.get(name);
      if (!path) throw new Error(`npm pack made no tarball for ${name}`);
      return path;
    };
    const plans = [
      {
        id: 'achbridge-dwolla',
        label: '@achbridge/dwolla (+ core, zod)',
        specs: [tarball('@achbridge/core'), tarball('@achbridge/dwolla')],
      },
      {
        id: 'sdk-dwolla',
        label: 'plaid@47.0.0 + dwolla-v2@3.4.2',
        specs: ['plaid@47.0.0', 'dwolla-v2@3.4.2'],
      },
      {
        id: 'achbridge-stripe',
        label: '@achbridge/stripe (+ core, zod, stripe@23.1.0 peer)',
        specs: [tarball('@achbridge/core'), tarball('@achbridge/stripe'), 'stripe@23.1.0'],
      },
      { id: 'sdk-stripe', label: 'plaid@47.0.0 + stripe@23.1.0', specs: ['plaid@47.0.0', 'stripe@23.1.0'] },
    ];
    const entries: FootprintEntry[] = [];
    for (const plan of plans) {
      const measured = await installInto(join(work, plan.id), plan.specs);
      log(
        `  ${plan.label}: ${(measured.bytes / 1024 / 1024).toFixed(2)} MiB in ${measured.packages} packages`,
      );
      entries.push({
        id: plan.id,
        label: plan.label,
        installed: plan.specs.map((spec) =>
          spec.startsWith(work) ? `${spec.slice(work.length + 1)} (npm pack)` : spec,
        ),
        ...measured,
      });
    }
    return { status: 'measured', entries };
  } catch (error) {
    return {
      status: 'unavailable',
      reason: error instanceof Error ? (error.message.split('\n')[0] ?? 'failed') : String(error),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
